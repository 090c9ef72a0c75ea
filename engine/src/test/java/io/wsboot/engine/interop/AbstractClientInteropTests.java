package io.wsboot.engine.interop;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.ClientRecorder;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.Queues;
import io.wsboot.engine.testclient.RecordingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server against a client we did not write. Each subclass adapts one client library
 * to {@link Client} and runs every case.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class AbstractClientInteropTests {

	static final long WAIT_SECONDS = 10;

	EchoServerFixture fixture;

	private RecordingHandler limited;

	@BeforeEach
	void startServer() throws IOException {
		this.limited = RecordingHandler.echo();
		this.fixture = EchoServerFixture.start((config) -> config,
				Endpoint.of("/limited", this.limited).withLimits(WsLimits.DEFAULTS.withMaxMessageBytes(1024)),
				Endpoint.of("/chat", RecordingHandler.echo()).withSubprotocols(List.of("v2.chat", "v1.chat")));
	}

	@AfterEach
	void stopServer() {
		this.fixture.close();
	}

	URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.fixture.port() + path);
	}

	/**
	 * Open a connection with the client under test.
	 * @param path the request path
	 * @param subprotocols the subprotocols to offer, in order of preference
	 * @return the connected client
	 * @throws Exception when the connection cannot be made in time
	 */
	abstract Client connect(String path, String... subprotocols) throws Exception;

	/**
	 * Try to connect to a path the server refuses.
	 * @param path the request path
	 * @return the HTTP status the client reports
	 */
	abstract int rejectedStatus(String path);

	/**
	 * A connected client of one library.
	 *
	 * @param recorder what the client received
	 * @param subprotocol the subprotocol the server selected, empty for none
	 * @param sender sends with the library, waiting until it has sent
	 */
	record Client(ClientRecorder recorder, String subprotocol, Sender sender) {

		void sendText(String text, boolean last) throws Exception {
			this.sender.send(new Text(text, last));
		}

		void sendBinary(byte[] payload, boolean last) throws Exception {
			this.sender.send(new Binary(payload, last));
		}

		void sendPing(byte[] payload) throws Exception {
			this.sender.send(new Ping(payload));
		}

		void close(int code, String reason) throws Exception {
			this.sender.send(new Close(code, reason));
		}

	}

	/**
	 * Sends a message with the library under test.
	 */
	@FunctionalInterface
	interface Sender {

		void send(Message message) throws Exception;

	}

	/**
	 * What a test asks a client to send.
	 */
	sealed interface Message permits Text, Binary, Ping, Close {

	}

	record Text(String text, boolean last) implements Message {
	}

	record Binary(byte[] payload, boolean last) implements Message {
	}

	record Ping(byte[] payload) implements Message {
	}

	record Close(int code, String reason) implements Message {
	}

	@Nested
	@DisplayName("data messages")
	class Messages {

		@Test
		void textIsEchoed() throws Exception {
			Client client = connect("/echo");
			client.sendText("Hello κόσμε 😀", true);
			assertThat(Queues.next(client.recorder().texts, "text")).isEqualTo("Hello κόσμε 😀");
		}

		@Test
		void binaryIsEchoed() throws Exception {
			Client client = connect("/echo");
			byte[] payload = ClientFrames.pattern(1000);
			client.sendBinary(payload, true);
			assertThat(Queues.next(client.recorder().binaries, "binary")).isEqualTo(payload);
		}

		@Test
		void sixteenMebibyteBinaryIsEchoed() throws Exception {
			Client client = connect("/echo");
			byte[] payload = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
			client.sendBinary(payload, true);
			assertThat(Queues.next(client.recorder().binaries, "16 MiB binary")).isEqualTo(payload);
		}

		@Test
		void sixteenMebibyteTextIsEchoed() throws Exception {
			Client client = connect("/echo");
			String text = new String(ClientFrames.asciiPattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES),
					StandardCharsets.US_ASCII);
			client.sendText(text, true);
			assertThat(Queues.next(client.recorder().texts, "16 MiB text")).isEqualTo(text);
		}

		@Test
		void textFragmentsSentByTheClientAreOneMessage() throws Exception {
			Client client = connect("/echo");
			client.sendText("Hel", false);
			client.sendText("lo κό", false);
			client.sendText("σμε", true);
			assertThat(Queues.next(client.recorder().texts, "reassembled text")).isEqualTo("Hello κόσμε");
		}

		@Test
		void binaryFragmentsSentByTheClientAreOneMessage() throws Exception {
			Client client = connect("/echo");
			client.sendBinary(new byte[] { 1, 2 }, false);
			client.sendBinary(new byte[] { 3 }, false);
			client.sendBinary(new byte[] { 4, 5 }, true);
			assertThat(Queues.next(client.recorder().binaries, "reassembled binary")).containsExactly(1, 2, 3, 4, 5);
		}

		@Test
		void serverChoosesItsPreferredSubprotocol() throws Exception {
			assertThat(connect("/chat", "v1.chat", "v2.chat").subprotocol()).isEqualTo("v2.chat");
		}

		@Test
		void rejectedHandshakeIsSeenWithItsStatus() {
			assertThat(rejectedStatus("/nowhere")).isEqualTo(404);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.2 ping and pong")
	class PingPong {

		@Test
		void serverPingIsAnsweredByTheClient() throws Exception {
			connect("/echo");
			WsSession session = AbstractClientInteropTests.this.fixture.echo().awaitOpen();
			session.sendPing(ByteBuffer.wrap(ClientFrames.utf8("server ping"))).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(AbstractClientInteropTests.this.fixture.echo().awaitPong())
				.isEqualTo(ClientFrames.utf8("server ping"));
		}

		@Test
		void clientPingIsAnsweredWithItsPayload() throws Exception {
			Client client = connect("/echo");
			client.sendPing(ClientFrames.utf8("ping!"));
			assertThat(Queues.next(client.recorder().pongs, "pong")).isEqualTo(ClientFrames.utf8("ping!"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7 closing")
	class Closing {

		@Test
		void clientCloseWithCodeAndReasonIsEchoed() throws Exception {
			Client client = connect("/echo");
			client.close(4000, "client bye");
			assertBothSeeTheClose(client, new CloseStatus(4000, "client bye"));
		}

		@Test
		void serverCloseWithCodeAndReasonIsSeenByTheClient() throws Exception {
			Client client = connect("/echo");
			WsSession session = AbstractClientInteropTests.this.fixture.echo().awaitOpen();
			session.close(new CloseStatus(4001, "server bye"));
			// the client answers the close, which completes the handshake
			assertBothSeeTheClose(client, new CloseStatus(4001, "server bye"));
		}

		private void assertBothSeeTheClose(Client client, CloseStatus status) throws InterruptedException {
			assertThat(Queues.next(client.recorder().closes, "close")).isEqualTo(status.code() + ":" + status.reason());
			assertThat(AbstractClientInteropTests.this.fixture.echo().awaitClose()).isEqualTo(status);
		}

		@Test
		void messageOverTheLimitIsSeenAs1009() throws Exception {
			Client client = connect("/limited");
			client.sendBinary(new byte[2048], true);
			assertThat(Queues.next(client.recorder().closes, "close")).startsWith("1009:");
			assertThat(AbstractClientInteropTests.this.limited.awaitClose().code()).isEqualTo(1009);
		}

		@Test
		void serverStopIsSeenAs1001() throws Exception {
			Client client = connect("/echo");
			AbstractClientInteropTests.this.fixture.echo().awaitOpen();
			CompletableFuture<Void> stop = CompletableFuture.runAsync(AbstractClientInteropTests.this.fixture::stop);
			assertThat(Queues.next(client.recorder().closes, "close")).startsWith("1001:");
			stop.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}

		@Test
		void noErrorIsReportedByTheClient() throws Exception {
			Client client = connect("/echo");
			client.sendText("x", true);
			Queues.next(client.recorder().texts, "text");
			client.close(1000, "");
			assertThat(Queues.next(client.recorder().closes, "close")).isEqualTo("1000:");
			assertThat(client.recorder().errors).isEmpty();
		}

	}

}
