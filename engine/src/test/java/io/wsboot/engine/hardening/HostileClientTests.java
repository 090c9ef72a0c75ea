package io.wsboot.engine.hardening;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SlowConsumerPolicy;
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
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile clients over real sockets: each scenario checks what the server does to the
 * offender and that it still serves everybody else (an echo from a second client), with
 * memory bounded by the engine's own limits rather than by luck.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileClientTests {

	/** Short, so that slow and silent clients are dropped within the test. */
	static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);

	static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

	static final String LIMITED_PATH = "/limited";

	static final String FIREHOSE_PATH = "/firehose";

	static final int MAX_MESSAGE_BYTES = 4096;

	static final long MAX_OUTBOUND_QUEUE_BYTES = 64 * 1024;

	static final int FIREHOSE_MESSAGE_BYTES = 16 * 1024;

	/** 8 MiB in all: far past the queue limit and the socket buffers. */
	static final int FIREHOSE_MESSAGES = 512;

	/** A small session limit: silent connections must not use it up. */
	static final int MAX_CONNECTIONS = 8;

	static final WsLimits LIMITS = WsLimits.builder()
		.maxFramePayloadBytes(MAX_MESSAGE_BYTES)
		.maxMessageBytes(MAX_MESSAGE_BYTES)
		.maxOutboundQueueBytes(MAX_OUTBOUND_QUEUE_BYTES)
		.slowConsumerPolicy(SlowConsumerPolicy.CLOSE)
		.handshakeTimeout(HANDSHAKE_TIMEOUT)
		.closeTimeout(CLOSE_TIMEOUT)
		.build();

	private final RecordingHandler limited = RecordingHandler.echo();

	private final Firehose firehose = new Firehose();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private EchoServerFixture fixture;

	@BeforeEach
	void startServer() throws IOException {
		this.fixture = EchoServerFixture.start(
				(config) -> config.withLimits(LIMITS).withMaxConnections(MAX_CONNECTIONS, MAX_CONNECTIONS),
				Endpoint.of(LIMITED_PATH, this.limited).withLimits(LIMITS),
				Endpoint.of(FIREHOSE_PATH, this.firehose).withLimits(LIMITS));
		this.logs.start();
		engineLogger().addAppender(this.logs);
	}

	@AfterEach
	void stopServer() {
		this.fixture.close();
		engineLogger().detachAppender(this.logs);
	}

	private static Logger engineLogger() {
		return (Logger) LoggerFactory.getLogger("io.wsboot.engine");
	}

	/**
	 * Require that a new client can still open a session and get an echo.
	 */
	private void assertServesOthers() throws IOException {
		try (RawWsClient other = RawWsClient.connect(this.fixture.port())) {
			other.upgrade(EchoServerFixture.ECHO_PATH);
			other.send(ClientFrames.text("still there?"));
			ServerFrame echo = other.readFrame();
			assertThat(echo.opcode()).isEqualTo(ClientFrames.TEXT);
			assertThat(echo.text()).isEqualTo("still there?");
		}
	}

	/**
	 * Return the events logged so far; the loops append while a test reads, under the
	 * appender's own lock.
	 */
	private List<ILoggingEvent> logEvents() {
		synchronized (this.logs) {
			return new ArrayList<>(this.logs.list);
		}
	}

	private static byte[] repeat(byte[] frame, int times) {
		byte[] all = new byte[frame.length * times];
		for (int i = 0; i < times; i++) {
			System.arraycopy(frame, 0, all, i * frame.length, frame.length);
		}
		return all;
	}

	@Nested
	@DisplayName("RFC 6455 §4.1 slow and silent handshakes")
	class SlowHandshakes {

		@Test
		void slowlorisIsDroppedAtTheHandshakeTimeout() throws IOException {
			RawWsClient slow = HostileClientTests.this.fixture.connect();
			byte[] request = ("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			long start = System.nanoTime();
			int sent = 0;
			boolean dropped = false;
			// one byte per 100 ms: the whole request would take 15 s
			while (sent < request.length && !dropped) {
				if (!slow.sendQuietly(new byte[] { request[sent] })) {
					dropped = true;
					break;
				}
				sent++;
				try {
					if (slow.awaitData(Duration.ofMillis(100))) {
						throw new AssertionError("server answered an incomplete request head");
					}
				}
				catch (EOFException | SocketException ex) {
					dropped = true;
				}
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(dropped).as("dropped before the head was complete").isTrue();
			assertThat(sent).isLessThan(request.length);
			assertThat(elapsed).isBetween(HANDSHAKE_TIMEOUT.minusMillis(100), HANDSHAKE_TIMEOUT.plusSeconds(2));
			assertServesOthers();
		}

		@Test
		void halfOpenConnectionsAreDroppedAndDoNotTakeSessionSlots() throws IOException {
			int silent = 4 * MAX_CONNECTIONS;
			List<RawWsClient> clients = new ArrayList<>();
			for (int i = 0; i < silent; i++) {
				clients.add(HostileClientTests.this.fixture.connect());
			}
			// the connection limit counts upgraded sessions: silent connections hold a
			// socket until the handshake timeout, never a session slot
			assertServesOthers();
			for (RawWsClient client : clients) {
				client.assertTcpClosed(HANDSHAKE_TIMEOUT.plusSeconds(3));
			}
			assertServesOthers();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §10.4 clients that do not read")
	class NonReadingClients {

		@Test
		void slowConsumerIsClosedWith1013AndItsQueueStaysWithinTheLimit() throws IOException {
			RawWsClient client = HostileClientTests.this.fixture.connect(4096);
			client.upgrade(FIREHOSE_PATH);
			client.send(ClientFrames.text("go"));
			await().atMost(Duration.ofSeconds(10)).until(() -> HostileClientTests.this.firehose.done.getCount() == 0);
			assertThat(HostileClientTests.this.firehose.maxQueuedBytes.get())
				.isLessThanOrEqualTo(MAX_OUTBOUND_QUEUE_BYTES);
			assertThat(HostileClientTests.this.firehose.results).contains(SendResult.CLOSED);
			await().atMost(CLOSE_TIMEOUT.plusSeconds(3))
				.until(() -> !HostileClientTests.this.firehose.closed.isEmpty());
			CloseStatus closed = HostileClientTests.this.firehose.closed.peek();
			assertThat(closed.code()).isEqualTo(CloseStatus.TRY_AGAIN_LATER.code());
			assertServesOthers();
		}

		@Test
		void pingFloodBehindANonReadingClientKeepsPongsBounded() throws IOException {
			RawWsClient client = HostileClientTests.this.fixture.connect(4096);
			client.upgrade(LIMITED_PATH);
			WsSession session = HostileClientTests.this.limited.awaitOpen();
			byte[] burst = repeat(ClientFrames.ping(ClientFrames.pattern(125)), 1000);
			long maxQueued = 0;
			// 100 bursts of 1000 pings: 12.5 MB of pong payload the client never reads
			for (int i = 0; i < 100 && client.sendQuietly(burst); i++) {
				maxQueued = Math.max(maxQueued, session.stats().queuedBytes());
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(session.stats().controlFrames()).isGreaterThanOrEqualTo(100_000));
			maxQueued = Math.max(maxQueued, session.stats().queuedBytes());
			// RFC 6455 §5.5.3: past the queue limit, pongs answer only the latest pings
			assertThat(maxQueued).isLessThanOrEqualTo(MAX_OUTBOUND_QUEUE_BYTES + 2 + 125);
			assertServesOthers();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 hostile lengths and fragments (Autobahn 9.x)")
	class HostileFrames {

		@Test
		void length2Pow63ClosesWith1002WithoutAllocating() throws IOException {
			RawWsClient client = HostileClientTests.this.fixture.open(LIMITED_PATH);
			// RFC 6455 §5.2: the most significant bit of a 64-bit length MUST be 0
			client
				.send(ClientFrames.header(true, 0, ClientFrames.BINARY, Long.MIN_VALUE, ClientFrames.randomMaskKey()));
			client.expectFailure(CloseStatus.PROTOCOL_ERROR.code());
			assertServesOthers();
		}

		@Test
		void length2Pow62ClosesWith1009WithoutAllocating() throws IOException {
			RawWsClient client = HostileClientTests.this.fixture.open(EchoServerFixture.ECHO_PATH);
			client.send(ClientFrames.header(true, 0, ClientFrames.BINARY, 1L << 62, ClientFrames.randomMaskKey()));
			client.expectFailure(CloseStatus.MESSAGE_TOO_BIG.code());
			assertServesOthers();
		}

		@Test
		void oneByteFragmentsUpToTheMessageLimitAreEchoedAndOneMoreClosesWith1009() throws IOException {
			RawWsClient client = HostileClientTests.this.fixture.open(LIMITED_PATH);
			byte[] one = ClientFrames.fragment(ClientFrames.CONTINUATION, false, new byte[] { 'x' });
			byte[] atLimit = ClientFrames.concat(ClientFrames.fragment(ClientFrames.BINARY, false, new byte[] { 'x' }),
					repeat(one, MAX_MESSAGE_BYTES - 2),
					ClientFrames.fragment(ClientFrames.CONTINUATION, true, new byte[] { 'x' }));
			client.send(atLimit);
			ServerFrame echo = client.readFrame();
			assertThat(echo.payload()).hasSize(MAX_MESSAGE_BYTES).containsOnly((byte) 'x');
			client.send(ClientFrames.concat(ClientFrames.fragment(ClientFrames.BINARY, false, new byte[] { 'x' }),
					repeat(one, MAX_MESSAGE_BYTES)));
			client.expectFailure(CloseStatus.MESSAGE_TOO_BIG.code());
			assertServesOthers();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 a flood of bad handshakes")
	class BadHandshakeFlood {

		static final int BAD_REQUESTS = 100;

		@Test
		void eachGets400WhileTheLogHoldsBackAndCountsTheLines() throws IOException {
			for (int i = 0; i < BAD_REQUESTS; i++) {
				try (RawWsClient client = RawWsClient.connect(HostileClientTests.this.fixture.port())) {
					client.send("GET /limited HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					assertThat(client.readResponseHead().status()).isEqualTo(400);
					client.readUntilTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
				}
			}
			// every rejection is either logged or counted in a "held back" line
			await().atMost(Duration.ofSeconds(5)).until(() -> loggedRejections() + heldBackLines() == BAD_REQUESTS);
			assertThat(heldBackLines()).isPositive();
			assertServesOthers();
		}

		private long loggedRejections() {
			return logEvents().stream()
				.filter((event) -> event.getFormattedMessage().startsWith("Rejected WebSocket handshake"))
				.count();
		}

		private long heldBackLines() {
			return logEvents().stream()
				.filter((event) -> event.getFormattedMessage().startsWith("Held back "))
				.mapToLong((event) -> (Long) event.getArgumentArray()[0])
				.sum();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7.1.5 connections that vanish")
	class VanishingClients {

		@Test
		void resetMidFrameCleansUpWithoutWarnings() throws IOException {
			int count = MAX_CONNECTIONS - 1;
			List<RawWsClient> clients = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				clients.add(HostileClientTests.this.fixture.open(LIMITED_PATH));
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> HostileClientTests.this.fixture.server().sessions().size() == count);
			for (RawWsClient client : clients) {
				// half a frame, then RST instead of FIN
				client.send(ClientFrames.header(true, 0, ClientFrames.BINARY, 100, ClientFrames.randomMaskKey()));
				client.send(new byte[10]);
				client.socket().setSoLinger(true, 0);
				client.close();
			}
			await().atMost(Duration.ofSeconds(5))
				.until(() -> HostileClientTests.this.fixture.server().sessions().isEmpty());
			List<CloseStatus> statuses = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				statuses.add(HostileClientTests.this.limited.awaitClose());
			}
			assertThat(statuses).extracting(CloseStatus::code).containsOnly(CloseStatus.ABNORMAL.code());
			assertThat(HostileClientTests.this.logs.list)
				.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
				.isEmpty();
			assertServesOthers();
		}

	}

	/**
	 * Answers "go" with {@value #FIREHOSE_MESSAGES} binary messages, recording the
	 * largest queue seen and the results.
	 */
	static final class Firehose extends RecordingHandler {

		final AtomicLong maxQueuedBytes = new AtomicLong();

		final List<SendResult> results = new CopyOnWriteArrayList<>();

		final CountDownLatch done = new CountDownLatch(1);

		final BlockingQueue<CloseStatus> closed = new LinkedBlockingQueue<>();

		Firehose() {
			super(false);
		}

		@Override
		public void onText(WsSession session, String text) {
			byte[] message = ClientFrames.pattern(FIREHOSE_MESSAGE_BYTES);
			for (int i = 0; i < FIREHOSE_MESSAGES; i++) {
				session.sendBinary(ByteBuffer.wrap(message)).thenAccept(this.results::add);
				this.maxQueuedBytes.accumulateAndGet(session.stats().queuedBytes(), Math::max);
			}
			this.done.countDown();
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.closed.add(status);
		}

	}

}
