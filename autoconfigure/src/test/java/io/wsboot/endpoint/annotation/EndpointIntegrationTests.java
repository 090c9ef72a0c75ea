package io.wsboot.endpoint.annotation;

import io.wsboot.endpoint.annotation.EndpointFixtures.PortListener;
import io.wsboot.test.WsTestClient.HandshakeRejectedException;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code @WsEndpoint} programming model with the default dispatch (the handler
 * executor), plus what does not depend on the dispatch: the port event and the handshake
 * interceptors.
 */
@SpringBootTest(classes = EndpointFixtures.Config.class,
		properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1", "logging.level.io.wsboot=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class EndpointIntegrationTests extends AbstractEndpointIntegrationTests {

	@Autowired
	PortListener portListener;

	@Override
	String defaultDispatchThreadPrefix() {
		return EXECUTOR_THREAD_PREFIX;
	}

	@Test
	void portIsPublishedAsPropertyAndEvent() {
		assertThat(this.port).isPositive();
		assertThat(this.portListener.port).isEqualTo(this.port);
	}

	@Nested
	@DisplayName("handshake interceptors and browser-friendly tokens")
	class Interceptors {

		@Test
		void missingTokenIsRejectedWith401() {
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> WsTestClient.builder().subprotocols("chat.v1").connect(uri("/secure")))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		}

		@Test
		void tokenOfferedAsSubprotocolIsAcceptedAndNeverEchoed() {
			try (WsTestClient client = WsTestClient.builder()
				.subprotocols("access_token.good-token", "chat.v1")
				.connect(uri("/secure"))) {
				assertThat(client.subprotocol()).isEqualTo("chat.v1");
				assertThat(client.awaitText()).isEqualTo("hello alice via chat.v1");
			}
		}

		@Test
		void queryStringTokenIsAcceptedAndKeptOutOfLogs(CapturedOutput output) {
			try (WsTestClient client = WsTestClient.builder()
				.subprotocols("chat.v1")
				.connect(uri("/secure?access_token=good-token"))) {
				assertThat(client.awaitText()).isEqualTo("hello alice via chat.v1");
			}
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> WsTestClient.builder()
					.subprotocols("chat.v1")
					.connect(uri("/secure?access_token=wrong-secret-4711")))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
			assertThat(output).contains("Rejected WebSocket handshake");
			assertThat(output).doesNotContain("good-token").doesNotContain("wrong-secret-4711");
		}

		@Test
		void interceptorNotApplyingToAnEndpointDoesNotRun() {
			try (WsTestClient client = connect("/echo")) {
				client.sendText("open");
				assertThat(client.awaitText()).isEqualTo("open");
			}
		}

	}

}
