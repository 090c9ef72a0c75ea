package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link WsServer#drain(Duration)} over real sockets: upgrades refused with 503 and
 * {@code Retry-After}, sessions closed with 1001 spread over the period, queued messages
 * written before the close frame, messages received before the client's close frame
 * handled, and the server stopped once the close handshakes are done.
 */
class WsServerDrainTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** Shorter than the close timeout (5 s), so that the drain's deadline shows. */
	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<CloseStatus> closed = new CopyOnWriteArrayList<>();

	private final List<WsHandshakeException> rejections = new CopyOnWriteArrayList<>();

	private final WsServer server = new WsServer(ServerConfig.defaults()
		.withBinding(InetAddress.getLoopbackAddress(), 0)
		.withEventLoops(2)
		.withShutdownTimeout(SHUTDOWN_TIMEOUT)
		.withListener(new WsServerListener() {
			@Override
			public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException ex) {
				WsServerDrainTests.this.rejections.add(ex);
			}
		}), List.of(Endpoint.of("/drain", new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				WsServerDrainTests.this.received.add(text);
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				WsServerDrainTests.this.closed.add(status);
			}
		})));

	private final List<RawWsClient> clients = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		this.server.stop();
		for (RawWsClient client : this.clients) {
			client.close();
		}
	}

	@Test
	void drainRefusesUpgradesWith503AndRetryAfter() throws Exception {
		this.server.start();
		connect(1);
		await().atMost(WAIT).until(() -> this.server.sessions().size() == 1);
		this.server.drain(Duration.ofSeconds(30));
		assertThat(this.server.isDraining()).isTrue();
		try (RawWsClient late = RawWsClient.connect(this.server.port())) {
			HttpResponseHead head = late.handshake(UpgradeRequest.get("/drain"));
			assertThat(head.status()).isEqualTo(503);
			assertThat(head.header("Retry-After")).isEqualTo("1");
		}
		assertThat(this.rejections).singleElement()
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.SHUTTING_DOWN));
	}

	@Test
	void drainClosesEverySessionWith1001SpreadOverThePeriodThenStops() throws Exception {
		int count = 20;
		Duration period = Duration.ofSeconds(2);
		this.server.start();
		List<RawWsClient> clients = connect(count);
		await().atMost(WAIT).until(() -> this.server.sessions().size() == count);
		long start = System.nanoTime();
		CompletableFuture<Void> drained = this.server.drain(period);
		List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<Void>> answered = new ArrayList<>();
		for (RawWsClient client : clients) {
			answered.add(CompletableFuture.runAsync(() -> {
				try {
					ServerFrame close = client.readFrame(WAIT);
					arrivals.add(System.nanoTime() - start);
					assertThat(close.isClose()).isTrue();
					assertThat(close.closeCode()).isEqualTo(1001);
					assertThat(close.closeReason()).isEqualTo("server draining");
					client.send(ClientFrames.close(1001, ""));
					client.assertTcpClosed(WAIT);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}));
		}
		CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.server.isRunning()).isFalse();
		assertThat(this.closed).hasSize(count).allSatisfy((status) -> assertThat(status.code()).isEqualTo(1001));
		List<Long> sorted = arrivals.stream().sorted().toList();
		long firstMillis = sorted.get(0) / 1_000_000L;
		long lastMillis = sorted.get(count - 1) / 1_000_000L;
		// within the period (plus the 50 ms sweep and scheduling), and spread: 20 moments
		// drawn uniformly over 2 s all fall within 1 s of each other with a chance of
		// about 20 / 2^19
		assertThat(lastMillis).isLessThan(period.toMillis() + 1000);
		assertThat(lastMillis - firstMillis).isGreaterThan(period.toMillis() / 2);
	}

	@Test
	void queuedMessagesAreWrittenBeforeTheCloseFrame() throws Exception {
		this.server.start();
		RawWsClient client = connect(1).get(0);
		await().atMost(WAIT).until(() -> this.server.sessions().size() == 1);
		WsSession session = this.server.sessions().iterator().next();
		int count = 500;
		for (int i = 0; i < count; i++) {
			session.sendText("queued " + i);
		}
		this.server.drain(Duration.ZERO);
		for (int i = 0; i < count; i++) {
			assertThat(client.readFrame(WAIT).text()).isEqualTo("queued " + i);
		}
		assertThat(client.readFrame(WAIT).closeCode()).isEqualTo(1001);
	}

	@Test
	void messagesSentBeforeTheClientsCloseFrameAreHandled() throws Exception {
		this.server.start();
		RawWsClient client = connect(1).get(0);
		await().atMost(WAIT).until(() -> this.server.sessions().size() == 1);
		CompletableFuture<Void> drained = this.server.drain(Duration.ZERO);
		assertThat(client.readFrame(WAIT).closeCode()).isEqualTo(1001);
		// RFC 6455 §7.1.2: until the client sends its own close frame it may still send
		// data, which the server reads and hands to the handler
		int count = 50;
		for (int i = 0; i < count; i++) {
			client.send(ClientFrames.text("late " + i));
		}
		client.send(ClientFrames.close(1001, ""));
		client.assertTcpClosed(WAIT);
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.received).hasSize(count).startsWith("late 0").endsWith("late " + (count - 1));
	}

	@Test
	void stopCutsADrainShort() throws Exception {
		this.server.start();
		RawWsClient client = connect(1).get(0);
		await().atMost(WAIT).until(() -> this.server.sessions().size() == 1);
		CompletableFuture<Void> drained = this.server.drain(Duration.ofMinutes(10));
		this.server.stop();
		assertThat(client.readFrame(WAIT).closeCode()).isEqualTo(1001);
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.server.isRunning()).isFalse();
	}

	@Test
	void drainStopsAtTheShutdownTimeoutWhenClientsDoNotAnswer() throws Exception {
		this.server.start();
		RawWsClient silent = connect(1).get(0);
		await().atMost(WAIT).until(() -> this.server.sessions().size() == 1);
		long start = System.nanoTime();
		CompletableFuture<Void> drained = this.server.drain(Duration.ZERO);
		assertThat(silent.readFrame(WAIT).closeCode()).isEqualTo(1001);
		drained.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		// the wait for the close frame ended at the shutdown timeout, not the close
		// timeout
		assertThat(took).isGreaterThanOrEqualTo(SHUTDOWN_TIMEOUT).isLessThan(Duration.ofMillis(4500));
		silent.assertTcpClosed(WAIT);
		assertThat(this.closed).singleElement().satisfies((status) -> assertThat(status.code()).isEqualTo(1001));
	}

	@Test
	void drainWithoutSessionsStopsAtOnce() throws Exception {
		this.server.start();
		this.server.drain(Duration.ofMinutes(10)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.server.isRunning()).isFalse();
		assertThat(this.server.drain(Duration.ZERO)).isCompleted();
	}

	private List<RawWsClient> connect(int count) throws IOException {
		List<RawWsClient> connected = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RawWsClient client = RawWsClient.connect(this.server.port());
			this.clients.add(client);
			client.upgrade("/drain");
			connected.add(client);
		}
		return connected;
	}

}
