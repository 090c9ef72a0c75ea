package io.wsboot.sample;

import java.util.Random;

import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sample application with a real client: echo, and the chat with tokens.
 */
@SpringBootTest(properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
class SampleApplicationTests {

	@LocalWsPort
	int port;

	private String uri(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	@Autowired
	WsTokens tokens;

	private WsTestClient chat(String room, String user) {
		return WsTestClient.builder()
			.header("Authorization", "Bearer " + this.tokens.issue(user))
			.connect(uri("/chat/" + room));
	}

	@Test
	void chatRefusesAnUpgradeWithoutATokenWith401() {
		assertThatExceptionOfType(WsTestClient.HandshakeRejectedException.class)
			.isThrownBy(() -> WsTestClient.connect(uri("/chat/lobby")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
	}

	@Test
	void chatSelectsTheChatSubprotocolAndNeverTheTokenEntry() {
		try (WsTestClient client = WsTestClient.builder()
			.subprotocols("wsboot.bearer." + this.tokens.issue("ada"), "chat")
			.connect(uri("/chat/lobby"))) {
			assertThat(client.subprotocol()).isEqualTo("chat");
			assertThat(client.awaitText()).contains("\"user\":\"ada\"");
		}
	}

	@Test
	void echoesText() {
		try (WsTestClient client = WsTestClient.connect(uri("/echo"))) {
			client.sendText("hello wsboot ✓");
			assertThat(client.awaitText()).isEqualTo("hello wsboot ✓");
		}
	}

	@Test
	void echoesA16MiBBinaryMessage() {
		byte[] data = new byte[16 * 1024 * 1024];
		new Random(6455).nextBytes(data);
		try (WsTestClient client = WsTestClient.connect(uri("/echo"))) {
			client.sendBinary(data);
			assertThat(client.awaitBinary()).isEqualTo(data);
		}
	}

	@Test
	void rejectsAMessageOver16MiBWith1009() {
		try (WsTestClient client = WsTestClient.connect(uri("/echo"))) {
			client.sendBinary(new byte[16 * 1024 * 1024 + 1]);
			assertThat(client.awaitClose().code()).isEqualTo(1009);
		}
	}

	@Test
	void chatAnnouncesPresenceAndBroadcastsMessagesToTheRoom() {
		try (WsTestClient ada = chat("lobby", "ada")) {
			assertThat(ada.awaitText())
				.isEqualTo("{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"ada\",\"text\":null}");
			assertThat(ada.awaitText()).isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"users\":[\"ada\"]}");
			try (WsTestClient bob = chat("lobby", "bob"); WsTestClient eve = chat("kitchen", "eve")) {
				String bobJoined = "{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":null}";
				String both = "{\"type\":\"presence\",\"room\":\"lobby\",\"users\":[\"ada\",\"bob\"]}";
				assertThat(ada.awaitText()).isEqualTo(bobJoined);
				assertThat(ada.awaitText()).isEqualTo(both);
				assertThat(bob.awaitText()).isEqualTo(bobJoined);
				assertThat(bob.awaitText()).isEqualTo(both);
				eve.awaitText();
				assertThat(eve.awaitText())
					.isEqualTo("{\"type\":\"presence\",\"room\":\"kitchen\",\"users\":[\"eve\"]}");
				bob.sendText("{\"text\":\"hi ada\"}");
				String message = "{\"type\":\"message\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":\"hi ada\"}";
				assertThat(ada.awaitText()).isEqualTo(message);
				assertThat(bob.awaitText()).isEqualTo(message);
				bob.close();
				assertThat(ada.awaitText())
					.isEqualTo("{\"type\":\"leave\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":null}");
				assertThat(ada.awaitText()).isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"users\":[\"ada\"]}");
				eve.expectNoMessage(java.time.Duration.ofMillis(200));
			}
		}
	}

}
