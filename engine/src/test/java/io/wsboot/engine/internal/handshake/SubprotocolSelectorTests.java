package io.wsboot.engine.internal.handshake;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SubprotocolSelector}.
 */
class SubprotocolSelectorTests {

	@Nested
	@DisplayName("RFC 6455 §4.2.2 step 5.5 subprotocol selection")
	class Selection {

		@Test
		void serverPreferenceWinsOverClientOrder() {
			assertThat(SubprotocolSelector.select(List.of("chat, superchat"), List.of("superchat", "chat")))
				.isEqualTo("superchat");
		}

		@Test
		void firstSupportedThatWasOfferedIsSelected() {
			assertThat(
					SubprotocolSelector.select(List.of("v1.chat, v2.chat"), List.of("v3.chat", "v2.chat", "v1.chat")))
				.isEqualTo("v2.chat");
		}

		@Test
		void offersFromSeveralHeadersAreCombined() {
			assertThat(SubprotocolSelector.select(List.of("mqtt", "v2.chat , wamp"), List.of("wamp", "mqtt")))
				.isEqualTo("wamp");
		}

		@Test
		void whitespaceAndEmptyElementsAreIgnored() {
			assertThat(SubprotocolSelector.select(List.of(" ,\tchat\t, ,"), List.of("chat"))).isEqualTo("chat");
		}

		@Test
		void nothingOfferedSelectsNothing() {
			assertThat(SubprotocolSelector.select(List.of(), List.of("chat"))).isNull();
		}

		@Test
		void nothingSupportedSelectsNothing() {
			assertThat(SubprotocolSelector.select(List.of("chat"), List.of())).isNull();
		}

		@Test
		void noCommonSubprotocolSelectsNothing() {
			assertThat(SubprotocolSelector.select(List.of("chat, superchat"), List.of("mqtt"))).isNull();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §11.3.4 subprotocol values are case-sensitive")
	class CaseSensitivity {

		@Test
		void caseMustMatchExactly() {
			assertThat(SubprotocolSelector.select(List.of("Chat"), List.of("chat"))).isNull();
		}

		@Test
		void partialMatchIsNoMatch() {
			assertThat(SubprotocolSelector.select(List.of("chat.v2"), List.of("chat"))).isNull();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §10 credentials offered as subprotocols")
	class Credentials {

		@Test
		void bearerTokenOfferedBesideASupportedProtocolIsNeverEchoed() {
			String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
			assertThat(SubprotocolSelector.select(List.of("access_token, " + token + ", graphql-ws"),
					List.of("graphql-transport-ws", "graphql-ws")))
				.isEqualTo("graphql-ws");
		}

		@Test
		void bearerTokenAloneSelectsNothing() {
			String token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
			assertThat(SubprotocolSelector.select(List.of(token), List.of("graphql-ws"))).isNull();
		}

	}

}
