package io.wsboot.sample;

import java.util.Random;

import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with a real client: echo and chat.
 */
@SpringBootTest(properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
class SampleApplicationTests {

	@LocalWsPort
	int port;

	private String uri(String path) {
		return "ws://127.0.0.1:" + this.port + path;
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
		try (WsTestClient ada = WsTestClient.connect(uri("/chat/lobby?user=ada"))) {
			assertThat(ada.awaitText())
				.isEqualTo("{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"ada\",\"text\":null}");
			try (WsTestClient bob = WsTestClient.connect(uri("/chat/lobby?user=bob"));
					WsTestClient eve = WsTestClient.connect(uri("/chat/kitchen?user=eve"))) {
				String bobJoined = "{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":null}";
				assertThat(ada.awaitText()).isEqualTo(bobJoined);
				assertThat(bob.awaitText()).isEqualTo(bobJoined);
				eve.awaitText();
				bob.sendText("{\"text\":\"hi ada\"}");
				String message = "{\"type\":\"message\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":\"hi ada\"}";
				assertThat(ada.awaitText()).isEqualTo(message);
				assertThat(bob.awaitText()).isEqualTo(message);
				bob.close();
				assertThat(ada.awaitText())
					.isEqualTo("{\"type\":\"leave\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":null}");
				eve.expectNoMessage(java.time.Duration.ofMillis(200));
			}
		}
	}

}
