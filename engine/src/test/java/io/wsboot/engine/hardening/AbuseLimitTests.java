package io.wsboot.engine.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.wsboot.engine.ConnectionRefusal;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.MessageRatePolicy;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Abuse limits over real sockets (OWASP's WebSocket guidance): sockets that never
 * complete their upgrade are bounded, and a client that floods messages is closed with
 * 1008 or has its excess dropped.
 *
 * @author wsboot
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AbuseLimitTests {

	private static final String LIMITED_PATH = "/limited";

	@AutoClose
	private EchoServerFixture fixture;

	private final List<SocketChannel> sockets = new ArrayList<>();

	private final AtomicInteger pendingRefusals = new AtomicInteger();

	private final AtomicInteger rateClosed = new AtomicInteger();

	private final AtomicInteger rateDropped = new AtomicInteger();

	private final WsServerListener listener = new WsServerListener() {

		@Override
		public void connectionRefused(ConnectionRefusal reason, InetSocketAddress remoteAddress) {
			if (reason == ConnectionRefusal.PENDING_HANDSHAKES) {
				AbuseLimitTests.this.pendingRefusals.incrementAndGet();
			}
		}

		@Override
		public void messageRateExceeded(WsSession session, MessageRatePolicy policy) {
			((policy == MessageRatePolicy.CLOSE) ? AbuseLimitTests.this.rateClosed : AbuseLimitTests.this.rateDropped)
				.incrementAndGet();
		}

	};

	@AfterEach
	void closeSockets() throws IOException {
		for (SocketChannel socket : this.sockets) {
			socket.close();
		}
	}

	private SocketChannel connectSilently() throws IOException {
		SocketChannel socket = SocketChannel
			.open(new InetSocketAddress(this.fixture.server().localAddress().getAddress(), this.fixture.port()));
		// closed with a reset, so that 2,000 of them leave no TIME_WAIT behind
		socket.setOption(StandardSocketOptions.SO_LINGER, 0);
		socket.configureBlocking(false);
		this.sockets.add(socket);
		return socket;
	}

	/** Count the sockets the server closed: end of stream or reset. */
	private int closedByServer(List<SocketChannel> sockets) {
		int closed = 0;
		ByteBuffer buffer = ByteBuffer.allocate(64);
		for (SocketChannel socket : sockets) {
			try {
				buffer.clear();
				if (socket.read(buffer) < 0) {
					closed++;
				}
			}
			catch (IOException ex) {
				closed++;
			}
		}
		return closed;
	}

	private static void assertEcho(RawWsClient client) throws IOException {
		client.send(ClientFrames.text("hello"));
		assertThat(client.readFrame().text()).isEqualTo("hello");
	}

	@Nested
	@DisplayName("Pending handshakes (max-pending-handshakes)")
	class PendingHandshakeLimit {

		@Test
		void twoThousandSilentSocketsHoldAtMost256AndANormalClientStillGetsIn() throws Exception {
			AbuseLimitTests.this.fixture = EchoServerFixture.start((config) -> config.toBuilder()
				.maxPendingHandshakes(256)
				.listener(AbuseLimitTests.this.listener)
				// the silent sockets must not be closed by the timeout during the test
				.limits(config.limits().toBuilder().handshakeTimeout(Duration.ofMinutes(2)).build())
				.build());
			List<SocketChannel> silent = new ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				silent.add(connectSilently());
			}
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> closedByServer(silent) >= 2_000 - 256);
			assertThat(closedByServer(silent)).isEqualTo(2_000 - 256);
			assertThat(AbuseLimitTests.this.pendingRefusals.get()).isEqualTo(2_000 - 256);
			long start = System.nanoTime();
			RawWsClient client = AbuseLimitTests.this.fixture.open();
			assertEcho(client);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			// the normal client took a silent socket's slot: still at most 256 pending
			await().atMost(Duration.ofSeconds(10)).until(() -> closedByServer(silent) == 2_000 - 255);
		}

		@Test
		void whenEveryPendingSocketHasSpokenANewOneIsClosedAtOnce() throws Exception {
			AbuseLimitTests.this.fixture = EchoServerFixture.start((config) -> config.toBuilder()
				.maxPendingHandshakes(4)
				.listener(AbuseLimitTests.this.listener)
				.build());
			List<RawWsClient> speaking = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				RawWsClient client = AbuseLimitTests.this.fixture.connect();
				client.send("GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
				speaking.add(client);
			}
			// the server has read from all four before the fifth arrives
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				RawWsClient probe = AbuseLimitTests.this.fixture.connect();
				probe.send("G".getBytes(StandardCharsets.US_ASCII));
				try {
					probe.assertTcpClosed(Duration.ofSeconds(1));
					return true;
				}
				catch (AssertionError ex) {
					return false;
				}
				finally {
					probe.close();
				}
			});
			assertThat(AbuseLimitTests.this.pendingRefusals.get()).isPositive();
			for (RawWsClient client : speaking) {
				client.send(("Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				assertThat(client.readResponseHead().status()).isEqualTo(101);
			}
		}

	}

	@Nested
	@DisplayName("Inbound message rate (max-messages-per-second)")
	class MessageRate {

		private void startLimited(MessageRatePolicy policy) throws IOException {
			WsLimits limits = WsLimits.DEFAULTS.withMessageRate(100, 200, policy);
			AbuseLimitTests.this.fixture = EchoServerFixture.start(
					(config) -> config.withListener(AbuseLimitTests.this.listener),
					Endpoint.of(LIMITED_PATH, RecordingHandler.echo()).withLimits(limits));
		}

		@Test
		void floodAt5000PerSecondIsClosedWith1008Within2Seconds() throws IOException {
			startLimited(MessageRatePolicy.CLOSE);
			RawWsClient client = AbuseLimitTests.this.fixture.open(LIMITED_PATH);
			byte[] frame = ClientFrames.text("flood");
			long start = System.nanoTime();
			long intervalNanos = 1_000_000_000L / 5_000;
			int echoes = 0;
			ServerFrame close = null;
			// 5,000 messages per second for at most 3 s, reading what comes back every
			// 50 messages, until the close frame
			for (int i = 0; i < 15_000 && close == null; i++) {
				if (!client.sendQuietly(frame)) {
					break;
				}
				if (i % 50 == 49) {
					while (close == null && client.awaitData(Duration.ofMillis(1))) {
						ServerFrame received = client.readFrame();
						if (received.isClose()) {
							close = received;
						}
						else {
							echoes++;
						}
					}
				}
				LockSupport.parkNanos(start + (i + 1) * intervalNanos - System.nanoTime());
			}
			while (close == null) {
				ServerFrame received = client.readFrame();
				if (received.isClose()) {
					close = received;
				}
				else {
					echoes++;
				}
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			ServerFrame received = close;
			assertThat(received.closeCode()).isEqualTo(1008);
			assertThat(received.closeReason()).isEqualTo("message rate exceeded");
			assertThat(elapsed).isLessThan(Duration.ofSeconds(2));
			// the burst of 200 and what the rate refilled meanwhile, no more
			assertThat(echoes).isBetween(200, 200 + 100 * 2);
			assertThat(AbuseLimitTests.this.rateClosed.get()).isEqualTo(1);
		}

		@Test
		void underTheDropPolicyTheExcessIsDroppedAndCounted() throws IOException {
			startLimited(MessageRatePolicy.DROP);
			RawWsClient client = AbuseLimitTests.this.fixture.open(LIMITED_PATH);
			byte[] frame = ClientFrames.text("flood");
			for (int i = 0; i < 1_000; i++) {
				client.send(frame);
			}
			AtomicInteger echoes = new AtomicInteger();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				while (client.awaitData(Duration.ofMillis(10))) {
					assertThat(client.readFrame().text()).isEqualTo("flood");
					echoes.incrementAndGet();
				}
				return echoes.get() + AbuseLimitTests.this.rateDropped.get() == 1_000;
			});
			assertThat(echoes.get()).isBetween(200, 400);
			assertThat(AbuseLimitTests.this.rateDropped.get()).isBetween(600, 800);
			// still open: the session goes on at the steady rate once tokens refill
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				client.send(ClientFrames.text("again"));
				return client.awaitData(Duration.ofMillis(100)) && "again".equals(client.readFrame().text());
			});
		}

		@Test
		void wellBehavedClientIsNeverLimited() throws IOException {
			startLimited(MessageRatePolicy.CLOSE);
			RawWsClient client = AbuseLimitTests.this.fixture.open(LIMITED_PATH);
			for (int i = 0; i < 150; i++) {
				assertEcho(client);
			}
			assertThat(AbuseLimitTests.this.rateClosed.get()).isZero();
		}

	}

}
