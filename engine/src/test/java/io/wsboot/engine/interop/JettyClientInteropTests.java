package io.wsboot.engine.interop;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.JettyRecorder;
import io.wsboot.engine.testclient.Queues;
import io.wsboot.engine.testclient.RecordingHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server against a client we did not write: Jetty 12's WebSocket client, strict about
 * what a server may send.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JettyClientInteropTests {

	private static final long WAIT_SECONDS = 10;

	private static final long CLIENT_MAX_BYTES = 32L * 1024 * 1024;

	private final WebSocketClient jetty = new WebSocketClient();

	private EchoServerFixture fixture;

	private RecordingHandler limited;

	@BeforeEach
	void start() throws Exception {
		this.jetty.setMaxBinaryMessageSize(CLIENT_MAX_BYTES);
		this.jetty.setMaxTextMessageSize(CLIENT_MAX_BYTES);
		this.jetty.setMaxFrameSize(CLIENT_MAX_BYTES);
		this.jetty.start();
		this.limited = RecordingHandler.echo();
		this.fixture = EchoServerFixture.start((config) -> config,
				Endpoint.of("/limited", this.limited).withLimits(WsLimits.DEFAULTS.withMaxMessageBytes(1024)),
				Endpoint.of("/chat", RecordingHandler.echo()).withSubprotocols(List.of("v2.chat", "v1.chat")));
	}

	@AfterEach
	void stop() throws Exception {
		this.fixture.close();
		this.jetty.stop();
	}

	private JettyRecorder connect(String path) throws Exception {
		JettyRecorder listener = new JettyRecorder();
		this.jetty.connect(listener, URI.create("ws://127.0.0.1:" + this.fixture.port() + path))
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
		return listener;
	}

	private static void await(Consumer<Callback> send) throws Exception {
		Callback.Completable.with(send::accept).get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	@Nested
	@DisplayName("data messages")
	class Messages {

		@Test
		void textIsEchoed() throws Exception {
			JettyRecorder client = connect("/echo");
			await((callback) -> client.session().sendText("Hello κόσμε 😀", callback));
			assertThat(Queues.next(client.texts, "text")).isEqualTo("Hello κόσμε 😀");
		}

		@Test
		void binaryIsEchoed() throws Exception {
			JettyRecorder client = connect("/echo");
			byte[] payload = ClientFrames.pattern(1000);
			await((callback) -> client.session().sendBinary(ByteBuffer.wrap(payload), callback));
			assertThat(Queues.next(client.binaries, "binary")).isEqualTo(payload);
		}

		@Test
		void sixteenMebibyteBinaryIsEchoed() throws Exception {
			JettyRecorder client = connect("/echo");
			byte[] payload = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
			await((callback) -> client.session().sendBinary(ByteBuffer.wrap(payload), callback));
			assertThat(Queues.next(client.binaries, "16 MiB binary")).isEqualTo(payload);
		}

		@Test
		void sixteenMebibyteTextIsEchoed() throws Exception {
			JettyRecorder client = connect("/echo");
			String text = new String(ClientFrames.asciiPattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES),
					StandardCharsets.US_ASCII);
			await((callback) -> client.session().sendText(text, callback));
			assertThat(Queues.next(client.texts, "16 MiB text")).isEqualTo(text);
		}

		@Test
		void partialTextSentByTheClientIsOneMessage() throws Exception {
			JettyRecorder client = connect("/echo");
			await((callback) -> client.session().sendPartialText("Hel", false, callback));
			await((callback) -> client.session().sendPartialText("lo κό", false, callback));
			await((callback) -> client.session().sendPartialText("σμε", true, callback));
			assertThat(Queues.next(client.texts, "reassembled text")).isEqualTo("Hello κόσμε");
		}

		@Test
		void partialBinarySentByTheClientIsOneMessage() throws Exception {
			JettyRecorder client = connect("/echo");
			await((callback) -> client.session()
				.sendPartialBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), false, callback));
			await((callback) -> client.session().sendPartialBinary(ByteBuffer.wrap(new byte[] { 3 }), false, callback));
			await((callback) -> client.session()
				.sendPartialBinary(ByteBuffer.wrap(new byte[] { 4, 5 }), true, callback));
			assertThat(Queues.next(client.binaries, "reassembled binary")).containsExactly(1, 2, 3, 4, 5);
		}

		@Test
		void serverChoosesItsPreferredSubprotocol() throws Exception {
			JettyRecorder listener = new JettyRecorder();
			ClientUpgradeRequest request = new ClientUpgradeRequest(
					URI.create("ws://127.0.0.1:" + JettyClientInteropTests.this.fixture.port() + "/chat"));
			request.setSubProtocols(List.of("v1.chat", "v2.chat"));
			Session session = JettyClientInteropTests.this.jetty.connect(listener, request)
				.get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(session.getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo("v2.chat");
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.2 ping and pong")
	class PingPong {

		@Test
		void clientPingIsAnsweredWithItsPayload() throws Exception {
			JettyRecorder client = connect("/echo");
			await((callback) -> client.session().sendPing(ByteBuffer.wrap(ClientFrames.utf8("ping!")), callback));
			assertThat(Queues.next(client.pongs, "pong")).isEqualTo(ClientFrames.utf8("ping!"));
		}

		@Test
		void serverPingIsAnsweredByTheClient() throws Exception {
			connect("/echo");
			WsSession session = JettyClientInteropTests.this.fixture.echo().awaitOpen();
			session.sendPing(ByteBuffer.wrap(ClientFrames.utf8("server ping"))).get(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(JettyClientInteropTests.this.fixture.echo().awaitPong())
				.isEqualTo(ClientFrames.utf8("server ping"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7 closing")
	class Closing {

		@Test
		void clientCloseWithCodeAndReasonIsEchoed() throws Exception {
			JettyRecorder client = connect("/echo");
			client.session().close(4000, "client bye", Callback.NOOP);
			assertThat(Queues.next(client.closes, "close")).isEqualTo("4000:client bye");
			assertThat(JettyClientInteropTests.this.fixture.echo().awaitClose())
				.isEqualTo(new CloseStatus(4000, "client bye"));
		}

		@Test
		void serverCloseWithCodeAndReasonIsSeenByTheClient() throws Exception {
			JettyRecorder client = connect("/echo");
			WsSession session = JettyClientInteropTests.this.fixture.echo().awaitOpen();
			session.close(new CloseStatus(4001, "server bye"));
			assertThat(Queues.next(client.closes, "close")).isEqualTo("4001:server bye");
			assertThat(JettyClientInteropTests.this.fixture.echo().awaitClose())
				.isEqualTo(new CloseStatus(4001, "server bye"));
		}

		@Test
		void messageOverTheLimitIsSeenAs1009() throws Exception {
			JettyRecorder client = connect("/limited");
			await((callback) -> client.session().sendBinary(ByteBuffer.wrap(new byte[2048]), callback));
			assertThat(Queues.next(client.closes, "close")).startsWith("1009:");
			assertThat(JettyClientInteropTests.this.limited.awaitClose().code()).isEqualTo(1009);
		}

		@Test
		void serverStopIsSeenAs1001() throws Exception {
			JettyRecorder client = connect("/echo");
			JettyClientInteropTests.this.fixture.echo().awaitOpen();
			CompletableFuture<Void> stop = CompletableFuture.runAsync(JettyClientInteropTests.this.fixture::stop);
			assertThat(Queues.next(client.closes, "close")).startsWith("1001:");
			stop.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}

		@Test
		void noErrorIsReportedByTheClient() throws Exception {
			JettyRecorder client = connect("/echo");
			await((callback) -> client.session().sendText("x", callback));
			Queues.next(client.texts, "text");
			client.session().close(1000, "", Callback.NOOP);
			assertThat(Queues.next(client.closes, "close")).isEqualTo("1000:");
			assertThat(client.errors).isEmpty();
		}

	}

}
