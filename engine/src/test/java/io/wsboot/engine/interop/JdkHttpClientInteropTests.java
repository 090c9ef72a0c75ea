package io.wsboot.engine.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.JdkRecorder;
import io.wsboot.engine.testclient.Queues;
import io.wsboot.engine.testclient.RecordingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The server against a client we did not write: the JDK's
 * {@link java.net.http.WebSocket}.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JdkHttpClientInteropTests {

	private static final long WAIT_SECONDS = 10;

	private final HttpClient http = HttpClient.newHttpClient();

	private EchoServerFixture fixture;

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

	private URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.fixture.port() + path);
	}

	private Connected connect(String path) throws Exception {
		JdkRecorder listener = new JdkRecorder();
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(uri(path), listener)
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
		return new Connected(socket, listener);
	}

	@Nested
	@DisplayName("data messages")
	class Messages {

		@Test
		void textIsEchoed() throws Exception {
			Connected client = connect("/echo");
			client.socket.sendText("Hello κόσμε 😀", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.texts, "text")).isEqualTo("Hello κόσμε 😀");
		}

		@Test
		void binaryIsEchoed() throws Exception {
			Connected client = connect("/echo");
			byte[] payload = ClientFrames.pattern(1000);
			client.socket.sendBinary(ByteBuffer.wrap(payload), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.binaries, "binary")).isEqualTo(payload);
		}

		@Test
		void sixteenMebibyteBinaryIsEchoed() throws Exception {
			Connected client = connect("/echo");
			byte[] payload = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
			client.socket.sendBinary(ByteBuffer.wrap(payload), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.binaries, "16 MiB binary")).isEqualTo(payload);
		}

		@Test
		void sixteenMebibyteTextIsEchoed() throws Exception {
			Connected client = connect("/echo");
			String text = new String(ClientFrames.asciiPattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES),
					StandardCharsets.US_ASCII);
			client.socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.texts, "16 MiB text")).isEqualTo(text);
		}

		@Test
		void textFragmentsSentByTheClientAreOneMessage() throws Exception {
			Connected client = connect("/echo");
			client.socket.sendText("Hel", false)
				.thenCompose((socket) -> socket.sendText("lo κό", false))
				.thenCompose((socket) -> socket.sendText("σμε", true))
				.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.texts, "reassembled text")).isEqualTo("Hello κόσμε");
		}

		@Test
		void binaryFragmentsSentByTheClientAreOneMessage() throws Exception {
			Connected client = connect("/echo");
			client.socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), false)
				.thenCompose((socket) -> socket.sendBinary(ByteBuffer.wrap(new byte[] { 3 }), false))
				.thenCompose((socket) -> socket.sendBinary(ByteBuffer.wrap(new byte[] { 4, 5 }), true))
				.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.binaries, "reassembled binary")).containsExactly(1, 2, 3, 4, 5);
		}

		@Test
		void serverChoosesItsPreferredSubprotocol() throws Exception {
			JdkRecorder listener = new JdkRecorder();
			WebSocket socket = JdkHttpClientInteropTests.this.http.newWebSocketBuilder()
				.subprotocols("v1.chat", "v2.chat")
				.buildAsync(uri("/chat"), listener)
				.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(socket.getSubprotocol()).isEqualTo("v2.chat");
		}

		@Test
		void rejectedHandshakeIsSeenWithItsStatus() {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> JdkHttpClientInteropTests.this.http.newWebSocketBuilder()
					.buildAsync(uri("/nowhere"), new JdkRecorder())
					.get(WAIT_SECONDS, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(404));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.2 ping and pong")
	class PingPong {

		@Test
		void clientPingIsAnsweredWithItsPayload() throws Exception {
			Connected client = connect("/echo");
			client.socket.sendPing(ByteBuffer.wrap(ClientFrames.utf8("ping!"))).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.pongs, "pong")).isEqualTo(ClientFrames.utf8("ping!"));
		}

		@Test
		void serverPingIsAnsweredByTheClient() throws Exception {
			connect("/echo");
			WsSession session = JdkHttpClientInteropTests.this.fixture.echo().awaitOpen();
			session.sendPing(ByteBuffer.wrap(ClientFrames.utf8("server ping"))).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(JdkHttpClientInteropTests.this.fixture.echo().awaitPong())
				.isEqualTo(ClientFrames.utf8("server ping"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7 closing")
	class Closing {

		@Test
		void clientCloseWithCodeAndReasonIsEchoed() throws Exception {
			Connected client = connect("/echo");
			client.socket.sendClose(4000, "client bye").get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.closes, "close")).isEqualTo("4000:client bye");
			assertThat(JdkHttpClientInteropTests.this.fixture.echo().awaitClose())
				.isEqualTo(new CloseStatus(4000, "client bye"));
		}

		@Test
		void serverCloseWithCodeAndReasonIsSeenByTheClient() throws Exception {
			Connected client = connect("/echo");
			WsSession session = JdkHttpClientInteropTests.this.fixture.echo().awaitOpen();
			session.close(new CloseStatus(4001, "server bye"));
			assertThat(Queues.next(client.listener.closes, "close")).isEqualTo("4001:server bye");
			// the JDK client answers the close, which completes the handshake
			assertThat(JdkHttpClientInteropTests.this.fixture.echo().awaitClose())
				.isEqualTo(new CloseStatus(4001, "server bye"));
		}

		@Test
		void messageOverTheLimitIsSeenAs1009() throws Exception {
			Connected client = connect("/limited");
			client.socket.sendBinary(ByteBuffer.wrap(new byte[2048]), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(Queues.next(client.listener.closes, "close")).startsWith("1009:");
			assertThat(JdkHttpClientInteropTests.this.limited.awaitClose().code()).isEqualTo(1009);
		}

		@Test
		void serverStopIsSeenAs1001() throws Exception {
			Connected client = connect("/echo");
			JdkHttpClientInteropTests.this.fixture.echo().awaitOpen();
			CompletableFuture<Void> stop = CompletableFuture.runAsync(JdkHttpClientInteropTests.this.fixture::stop);
			assertThat(Queues.next(client.listener.closes, "close")).startsWith("1001:");
			stop.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}

	}

	private record Connected(WebSocket socket, JdkRecorder listener) {
	}

}
