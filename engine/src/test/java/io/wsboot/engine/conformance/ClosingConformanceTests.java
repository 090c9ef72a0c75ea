package io.wsboot.engine.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsboot.engine.testclient.ClientFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closing handshake on the wire (RFC 6455 §5.5.1, §7), following Autobahn|Testsuite
 * category 7: close codes and reasons, what happens after a close frame, server-initiated
 * closes, the close timeout and server shutdown.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClosingConformanceTests {

	/**
	 * How quickly the server must close TCP once the close handshake is complete: well
	 * under the echo endpoint's close timeout, so that a server merely timing out fails.
	 */
	private static final Duration PROMPT_TCP_CLOSE = Duration.ofSeconds(2);

	private static final Duration SHORT_CLOSE_TIMEOUT = Duration.ofMillis(300);

	private static final String QUICK_PATH = "/quick";

	private static final int CONCURRENT_CLOSE_ROUNDS = 20;

	private static final int MAX_CONCURRENT_SENDS = 200_000;

	private EchoServerFixture fixture;

	private RecordingHandler quick;

	/**
	 * Whether to run over {@code wss://}; {@link ClosingOverTlsConformanceTests} says
	 * yes.
	 */
	boolean secure() {
		return false;
	}

	@BeforeEach
	void startServer() throws IOException {
		this.quick = RecordingHandler.echo();
		WsLimits quickLimits = WsLimits.builder().closeTimeout(SHORT_CLOSE_TIMEOUT).build();
		this.fixture = EchoServerFixture.start(secure(), UnaryOperator.identity(),
				Endpoint.of(QUICK_PATH, this.quick).withLimits(quickLimits));
	}

	@AfterEach
	void stopServer() {
		this.fixture.close();
	}

	/** Send a close frame and check the server's reply, then its prompt TCP close. */
	private static ServerFrame closeAndExpectReply(RawWsClient client, byte[] closeFrame) throws IOException {
		client.send(closeFrame);
		ServerFrame reply = client.readClose();
		// RFC 6455 §5.5.1: the server MUST close the TCP connection first, immediately
		client.assertTcpClosed(PROMPT_TCP_CLOSE);
		return reply;
	}

	@Nested
	@DisplayName("RFC 6455 §5.5.1 client-initiated close")
	class ClientInitiated {

		@Test
		void echoThenCloseNormally() throws IOException {
			// Autobahn 7.1.1
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			client.send(ClientFrames.text("Hello World!"));
			assertThat(client.readFrame().text()).isEqualTo("Hello World!");
			ServerFrame reply = closeAndExpectReply(client, ClientFrames.close(1000, ""));
			assertThat(reply.header()).containsExactly(0x88, 2);
			assertThat(reply.payload()).containsExactly(0x03, 0xE8);
		}

		@ParameterizedTest(name = "close code {0} is echoed (Autobahn 7.7.x)")
		@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
				4999 })
		void validCodeIsEchoed(int code) throws IOException {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			ServerFrame reply = closeAndExpectReply(client, ClientFrames.close(code, ""));
			// RFC 6455 §5.5.1: the endpoint typically echoes the status code it received
			assertThat(reply.payload()).containsExactly(ClientFrames.closePayload(code, new byte[0]));
			assertThat(ClosingConformanceTests.this.fixture.echo().awaitClose().code()).isEqualTo(code);
		}

		@Test
		void emptyCloseIsAnsweredWithAnEmptyClose() throws IOException {
			// Autobahn 7.3.1. RFC 6455 §7.1.5: no code received means 1005, which §7.4.1
			// forbids on the wire. Our choice: echo what was received, an empty payload
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			ServerFrame reply = closeAndExpectReply(client, ClientFrames.close(new byte[0]));
			assertThat(reply.header()).containsExactly(0x88, 0x00);
			assertThat(ClosingConformanceTests.this.fixture.echo().awaitClose().code()).isEqualTo(1005);
		}

		@Test
		void closeWithReasonIsEchoedWithItsReason() throws IOException {
			// Autobahn 7.3.4; our choice: the reply carries the code and the reason
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			ServerFrame reply = closeAndExpectReply(client, ClientFrames.close(4000, "Hello World! κόσμε"));
			assertThat(reply.payload()).containsExactly(ClientFrames.closePayload(4000, utf8("Hello World! κόσμε")));
			assertThat(ClosingConformanceTests.this.fixture.echo().awaitClose())
				.isEqualTo(new CloseStatus(4000, "Hello World! κόσμε"));
		}

		@Test
		void closeWith125BytePayloadIsEchoed() throws IOException {
			// Autobahn 7.3.5: a 123-byte reason is the longest that fits
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			String reason = "r".repeat(CloseStatus.MAX_REASON_BYTES);
			ServerFrame reply = closeAndExpectReply(client, ClientFrames.close(1000, reason));
			assertThat(reply.header()).containsExactly(0x88, 125);
			assertThat(reply.closeReason()).isEqualTo(reason);
		}

		@Test
		void dataAfterTheCloseFrameIsIgnored() throws IOException {
			// Autobahn 7.1.3, 7.1.4: nothing after a close is processed
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			ServerFrame reply = closeAndExpectReply(client, ClientFrames.concat(ClientFrames.close(1000, ""),
					ClientFrames.ping(utf8("ping")), ClientFrames.text("text"), ClientFrames.close(1001, "")));
			assertThat(reply.closeCode()).isEqualTo(1000);
		}

		@Test
		void manyMessagesThenCloseAreAllEchoedBeforeTheReply() throws IOException {
			// Autobahn 7.1.6
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			byte[][] frames = new byte[11][];
			for (int i = 0; i < 10; i++) {
				frames[i] = ClientFrames.binary(ClientFrames.pattern(65536));
			}
			frames[10] = ClientFrames.close(1000, "");
			client.send(ClientFrames.concat(frames));
			for (int i = 0; i < 10; i++) {
				assertThat(client.readFrame().payload()).isEqualTo(ClientFrames.pattern(65536));
			}
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
			client.assertTcpClosed(PROMPT_TCP_CLOSE);
		}

		@Test
		void abruptTcpCloseIsReportedAs1006() throws IOException {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			client.close();
			// RFC 6455 §7.1.5: closed without a close frame means 1006
			assertThat(ClosingConformanceTests.this.fixture.echo().awaitClose().code()).isEqualTo(1006);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.1, §7.4 invalid close frames")
	class InvalidCloseFrames {

		@ParameterizedTest(name = "close code {0} -> 1002 (Autobahn 7.9.x, 7.13.x)")
		@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
		void invalidCodeCloses1002(int code) throws IOException {
			// RFC 6455 §7.4.1, §7.4.2: reserved, unassigned and out-of-range codes
			// are a protocol error
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			client.send(ClientFrames.close(code, ""));
			client.expectFailure(1002);
		}

		@Test
		void oneBytePayloadCloses1002() throws IOException {
			// Autobahn 7.3.2; RFC 6455 §5.5.1: a body starts with a 2-byte code
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			client.send(ClientFrames.close(new byte[] { 0x03 }));
			client.expectFailure(1002);
		}

		@Test
		void payloadOf126BytesCloses1002() throws IOException {
			// Autobahn 7.3.6; RFC 6455 §5.5: control frames carry at most 125 bytes
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			client.send(ClientFrames.close(1000, "r".repeat(124)));
			client.expectFailure(1002);
		}

		@Test
		void reasonWithInvalidUtf8Closes1007() throws IOException {
			// Autobahn 7.5.1; RFC 6455 §5.5.1: the reason is UTF-8
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			client.send(ClientFrames.close(ClientFrames.closePayload(1000,
					ClientFrames.hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"))));
			client.expectFailure(1007);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7.1.2 server-initiated close")
	class ServerInitiated {

		@Test
		void serverCloseSendsTheFrameAndClosesTcpAfterTheReply() throws IOException {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			WsSession session = ClosingConformanceTests.this.fixture.echo().awaitOpen();
			session.close(new CloseStatus(1000, "bye"));
			ServerFrame close = client.readClose();
			assertThat(close.header()).containsExactly(0x88, 5);
			assertThat(close.payload()).containsExactly(ClientFrames.closePayload(1000, utf8("bye")));
			// RFC 6455 §7.1.1: the server waits for the client's close before closing TCP
			client.assertStaysOpen(Duration.ofMillis(200));
			client.send(ClientFrames.close(1000, ""));
			client.assertTcpClosed(PROMPT_TCP_CLOSE);
			assertThat(ClosingConformanceTests.this.fixture.echo().awaitClose())
				.isEqualTo(new CloseStatus(1000, "bye"));
		}

		@Test
		void noDataFrameFollowsTheServersCloseFrame() throws Exception {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			WsSession session = ClosingConformanceTests.this.fixture.echo().awaitOpen();
			session.close(new CloseStatus(1001, "going"));
			assertThat(client.readClose().closeCode()).isEqualTo(1001);
			// RFC 6455 §5.5.1: after sending a close frame, an endpoint MUST NOT send
			// any more data frames
			assertThat(session.isOpen()).isFalse();
			assertThat(session.sendText("late").get(5, TimeUnit.SECONDS)).isEqualTo(SendResult.CLOSED);
			assertThat(session.sendBinary(ByteBuffer.wrap(new byte[] { 1 })).get(5, TimeUnit.SECONDS))
				.isEqualTo(SendResult.CLOSED);
			// and the client's text before its close reply is not echoed
			client.send(ClientFrames.concat(ClientFrames.text("unanswered"), ClientFrames.close(1001, "")));
			client.assertTcpClosed(PROMPT_TCP_CLOSE);
		}

		@Test
		void noDataFrameFollowsTheCloseFrameUnderConcurrentSends() throws Exception {
			for (int round = 0; round < CONCURRENT_CLOSE_ROUNDS; round++) {
				RawWsClient client = ClosingConformanceTests.this.fixture.open();
				WsSession session = ClosingConformanceTests.this.fixture.echo().awaitOpen();
				// another thread sends as fast as it can until a send reports CLOSED
				CompletableFuture<Integer> sender = CompletableFuture.supplyAsync(() -> {
					for (int i = 0; i < MAX_CONCURRENT_SENDS; i++) {
						CompletableFuture<SendResult> result = session.sendText("late");
						if (result.isDone() && result.join() == SendResult.CLOSED) {
							return i;
						}
					}
					return MAX_CONCURRENT_SENDS;
				});
				session.close(new CloseStatus(1000, "bye"));
				ServerFrame frame = client.readFrame();
				while (!frame.isClose()) {
					assertThat(frame.text()).isEqualTo("late");
					frame = client.readFrame();
				}
				sender.get(10, TimeUnit.SECONDS);
				client.send(ClientFrames.close(1000, ""));
				// RFC 6455 §5.5.1: after sending a close frame, an endpoint MUST NOT send
				// any more data frames
				byte[] afterClose = client.readUntilTcpClosed(PROMPT_TCP_CLOSE);
				assertThat(afterClose)
					.as("round %d: RFC 6455 §5.5.1 violated, bytes after the close frame: %s", round,
							HexFormat.ofDelimiter(" ").formatHex(afterClose))
					.isEmpty();
				ClosingConformanceTests.this.fixture.echo().awaitClose();
			}
		}

		@Test
		void sendMadeAfterCloseReturnsIsReportedClosed() throws Exception {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			WsSession session = ClosingConformanceTests.this.fixture.echo().awaitOpen();
			// WsSession: sends are written in the order they were made, and close()
			// starts the close handshake: a send made after close() returned must not
			// reach the wire
			session.close(new CloseStatus(1001, "going"));
			CompletableFuture<SendResult> late = session.sendText("late");
			ServerFrame first = client.readFrame();
			assertThat(first.isClose()).as("first frame after close(), got %s", first).isTrue();
			assertThat(late.get(5, TimeUnit.SECONDS)).isEqualTo(SendResult.CLOSED);
		}

		@Test
		void secondServerCloseSendsNothingMore() throws IOException {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			WsSession session = ClosingConformanceTests.this.fixture.echo().awaitOpen();
			session.close(new CloseStatus(4001, "first"));
			session.close(new CloseStatus(4002, "second"));
			assertThat(client.readClose().closeCode()).isEqualTo(4001);
			client.send(ClientFrames.close(4001, ""));
			client.assertTcpClosed(PROMPT_TCP_CLOSE);
		}

		@Test
		void clientThatNeverRepliesIsDisconnectedAfterTheCloseTimeout() throws IOException {
			RawWsClient client = ClosingConformanceTests.this.fixture.open(QUICK_PATH);
			WsSession session = ClosingConformanceTests.this.quick.awaitOpen();
			session.close(new CloseStatus(1000, "bye"));
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
			long start = System.nanoTime();
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			// the server did wait for a reply, but not much past the timeout
			assertThat(waited).isGreaterThan(SHORT_CLOSE_TIMEOUT.dividedBy(3));
			assertThat(ClosingConformanceTests.this.quick.awaitClose().code()).isEqualTo(1000);
		}

		@Test
		void failedConnectionWhoseClientNeverRepliesIsDisconnectedAfterTheCloseTimeout() throws IOException {
			RawWsClient client = ClosingConformanceTests.this.fixture.open(QUICK_PATH);
			client.send(ClientFrames.frame(true, 0, 0x3, new byte[0]));
			assertThat(client.readClose().closeCode()).isEqualTo(1002);
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
			assertThat(ClosingConformanceTests.this.quick.awaitClose().code()).isEqualTo(1002);
		}

	}

	@Nested
	@DisplayName("server stop")
	class Shutdown {

		@Test
		void stopSendsGoingAwayToEveryOpenClient() throws Exception {
			List<RawWsClient> clients = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				clients.add(ClosingConformanceTests.this.fixture.open());
			}
			CompletableFuture<Void> stop = CompletableFuture.runAsync(ClosingConformanceTests.this.fixture::stop);
			for (RawWsClient client : clients) {
				ServerFrame close = client.readClose();
				// RFC 6455 §7.4.1: 1001, the server is going away
				assertThat(close.closeCode()).isEqualTo(1001);
				client.send(ClientFrames.close(1001, ""));
				client.assertTcpClosed(PROMPT_TCP_CLOSE);
			}
			stop.get(5, TimeUnit.SECONDS);
			for (int i = 0; i < 3; i++) {
				assertThat(ClosingConformanceTests.this.fixture.echo().awaitClose().code()).isEqualTo(1001);
			}
		}

		@Test
		void stopDoesNotWaitPastTheShutdownTimeoutForSilentClients() throws Exception {
			RawWsClient client = ClosingConformanceTests.this.fixture.open();
			long start = System.nanoTime();
			CompletableFuture<Void> stop = CompletableFuture.runAsync(ClosingConformanceTests.this.fixture::stop);
			assertThat(client.readClose().closeCode()).isEqualTo(1001);
			client.assertTcpClosed(EchoServerFixture.SHUTDOWN_TIMEOUT.plusSeconds(3));
			stop.get(EchoServerFixture.SHUTDOWN_TIMEOUT.plusSeconds(3).toMillis(), TimeUnit.MILLISECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.isLessThan(EchoServerFixture.SHUTDOWN_TIMEOUT.plusSeconds(3));
		}

	}

}
