package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a {@link Connection} ends its TCP connection (RFC 6455 §7.1.1): the socket is
 * closed once the selector has deregistered its key, which saves the JDK's
 * {@code SO_LINGER} read and {@code shutdown} call, yet promptly, with a FIN after the
 * close frame, and without leaving a descriptor open.
 */
class ConnectionCloseTests {

	/** Longest wait for the server's TCP close after the close handshake: 2 s. */
	private static final Duration PROMPT_TCP_CLOSE = Duration.ofSeconds(2);

	/** Sessions opened and closed one after another. */
	private static final int SESSIONS = 300;

	/**
	 * Descriptors the JVM may open meanwhile for other reasons (class loading, JIT logs),
	 * far fewer than {@link #SESSIONS}.
	 */
	private static final int DESCRIPTOR_SLACK = 20;

	private EchoServerFixture fixture;

	@BeforeEach
	void start() throws IOException {
		this.fixture = EchoServerFixture.start();
	}

	@AfterEach
	void stop() {
		this.fixture.close();
	}

	@Nested
	@DisplayName("RFC 6455 §7.1.1 the server closes the TCP connection first")
	class ServerClosesFirst {

		@Test
		void clientCloseIsAnsweredWithItsCodeThenAFin() throws IOException {
			// Autobahn 7.1.1
			RawWsClient client = ConnectionCloseTests.this.fixture.open();
			client.send(ClientFrames.close(1000, ""));
			ServerFrame reply = client.readClose();
			assertThat(reply.header()).containsExactly(0x88, 0x02);
			assertThat(reply.payload()).containsExactly(0x03, 0xE8);
			// RFC 6455 §7.1.1: the server closes TCP first, with a FIN and not a reset
			client.assertTcpClosed(PROMPT_TCP_CLOSE);
			assertThat(client.wasReset()).isFalse();
			assertThat(ConnectionCloseTests.this.fixture.echo().awaitClose().code()).isEqualTo(1000);
		}

		@Test
		void failedConnectionSends1002ThenAFin() throws IOException {
			// Autobahn 3.1: a reserved bit without an extension fails the connection
			RawWsClient client = ConnectionCloseTests.this.fixture.open();
			// RSV1 is 0100_0000
			client.send(ClientFrames.frame(true, 0x40, 0x1, new byte[0]));
			ServerFrame close = client.readClose();
			// FIN and close opcode, then 1002 and the reason
			assertThat(close.header()[0]).isEqualTo((byte) 0x88);
			assertThat(close.payload()).startsWith(0x03, 0xEA);
			assertThat(close.closeCode()).isEqualTo(1002);
			client.send(ClientFrames.close(1002, ""));
			// the server half-closed after its close frame: a FIN, not a reset
			client.assertTcpClosed(PROMPT_TCP_CLOSE);
			assertThat(client.wasReset()).isFalse();
			// it drains input until the client's FIN, then closes its socket
			client.close();
			assertThat(ConnectionCloseTests.this.fixture.echo().awaitClose().code()).isEqualTo(1002);
		}

	}

	@Nested
	@DisplayName("descriptors")
	class Descriptors {

		@Test
		void closeHandshakesLeaveNoDescriptorOpen() throws IOException {
			long before = openDescriptors();
			for (int i = 0; i < SESSIONS; i++) {
				try (RawWsClient client = ConnectionCloseTests.this.fixture.open()) {
					client.send(ClientFrames.close(1000, ""));
					assertThat(client.readClose().payload()).containsExactly(0x03, 0xE8);
					client.assertTcpClosed(PROMPT_TCP_CLOSE);
				}
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(before + DESCRIPTOR_SLACK));
		}

		@Test
		void clientsThatVanishLeaveNoDescriptorOpen() throws IOException {
			long before = openDescriptors();
			for (int i = 0; i < SESSIONS; i++) {
				// no close frame: the server sees the end of the stream (1006)
				ConnectionCloseTests.this.fixture.open().close();
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(before + DESCRIPTOR_SLACK));
		}

		@Test
		void stopClosesEverySocketOfItsLoops() throws IOException {
			long before = openDescriptors();
			List<RawWsClient> clients = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				clients.add(ConnectionCloseTests.this.fixture.open());
			}
			// clients that never answer the 1001: the loops close them at the end
			ConnectionCloseTests.this.fixture.stop();
			for (RawWsClient client : clients) {
				// RFC 6455 §7.4.1: 1001, going away
				assertThat(client.readClose().closeCode()).isEqualTo(1001);
				client.readUntilTcpClosed(PROMPT_TCP_CLOSE);
				client.close();
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(before + DESCRIPTOR_SLACK));
		}

		private static long openDescriptors() throws IOException {
			Path descriptors = Path.of("/proc/self/fd");
			String message = "requires /proc/self/fd (Linux) to count open descriptors";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				Assertions.assertTrue(Files.isDirectory(descriptors), message);
			}
			else {
				Assumptions.assumeTrue(Files.isDirectory(descriptors), message);
			}
			try (Stream<Path> open = Files.list(descriptors)) {
				return open.count();
			}
		}

	}

}
