package io.wsboot.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Cross-node fan-out to a room of 1,000 members: three nodes sharing one Redis against
 * the same room on one node. Not a test; run its {@code main} (see docs/cluster.md). It
 * needs a Redis on 127.0.0.1:6379 and every phase is bounded.
 *
 * <p>
 * Throughput: node 0 sends {@value #BURST_MESSAGES} messages to the room as fast as it
 * can; the time until every member has every message gives deliveries per second.
 * Latency: {@value #PACED_MESSAGES} messages, one every {@value #PACE_MILLIS} ms; each
 * message's latency is the time from the send to the last member receiving it (one JVM,
 * so one clock), and p50/p99 are taken over the messages.
 */
public final class ClusterFanOutBenchmark {

	private static final int MEMBERS = 1000;

	private static final int BURST_MESSAGES = 200;

	private static final int PACED_MESSAGES = 200;

	private static final long PACE_MILLIS = 10;

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);

	private ClusterFanOutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (!RedisServer.answers(RedisServer.DEFAULT_PORT)) {
			System.err.println("start Redis on 127.0.0.1:6379 first (redis-server --save '' --appendonly no)");
			System.exit(2);
		}
		System.out.println(run(1));
		System.out.println(run(3));
		System.exit(0);
	}

	private static String run(int nodeCount) throws Exception {
		String prefix = "wsboot-bench-" + UUID.randomUUID();
		List<ChatNode> nodes = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		HttpClient http = HttpClient.newBuilder().executor(executor).build();
		List<WebSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < nodeCount; i++) {
				nodes.add(ChatNode.start("bench-" + i, RedisServer.DEFAULT_PORT, prefix, "logging.level.root=WARN"));
			}
			Recorder burst = new Recorder(BURST_MESSAGES);
			Recorder paced = new Recorder(PACED_MESSAGES);
			AtomicReference<Recorder> phase = new AtomicReference<>(burst);
			List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();
			for (int i = 0; i < MEMBERS; i++) {
				ChatNode node = nodes.get(i % nodeCount);
				connecting.add(http.newWebSocketBuilder()
					.buildAsync(URI.create("ws://127.0.0.1:" + node.port() + "/chat/room"), new Member(phase)));
			}
			for (CompletableFuture<WebSocket> future : connecting) {
				sockets.add(future.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			}
			awaitMembers(nodes.get(0), nodeCount);
			long start = System.nanoTime();
			for (int k = 0; k < BURST_MESSAGES; k++) {
				nodes.get(0).sessions().sendToGroup("room", k + ":" + System.nanoTime());
			}
			burst.await();
			double seconds = (System.nanoTime() - start) / 1e9;
			phase.set(paced);
			for (int k = 0; k < PACED_MESSAGES; k++) {
				nodes.get(0).sessions().sendToGroup("room", k + ":" + System.nanoTime());
				Thread.sleep(PACE_MILLIS);
			}
			paced.await();
			long[] latencies = paced.lastArrivalNanos();
			Arrays.sort(latencies);
			return String.format(
					"%d node(s), %d members: burst of %d messages in %.2f s = %.0f deliveries/s; paced p50 %.2f ms, p99 %.2f ms, max %.2f ms",
					nodeCount, MEMBERS, BURST_MESSAGES, seconds, MEMBERS * BURST_MESSAGES / seconds,
					millis(latencies, 0.50), millis(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
		}
		finally {
			sockets.forEach(WebSocket::abort);
			nodes.forEach(ChatNode::close);
			executor.shutdownNow();
		}
	}

	private static void awaitMembers(ChatNode node, int nodeCount) {
		await().atMost(PHASE_TIMEOUT).until(() -> node.cluster().members("room").size() >= MEMBERS);
	}

	private static double millis(long[] sorted, double quantile) {
		int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	/**
	 * Latest arrival of each message over every member, and a latch for all deliveries.
	 */
	private static final class Recorder {

		private final AtomicLongArray latest;

		private final CountDownLatch deliveries;

		Recorder(int messages) {
			this.latest = new AtomicLongArray(messages);
			this.deliveries = new CountDownLatch(messages * MEMBERS);
		}

		void received(int message, long latencyNanos) {
			this.latest.accumulateAndGet(message, latencyNanos, Math::max);
			this.deliveries.countDown();
		}

		void await() throws InterruptedException {
			if (!this.deliveries.await(PHASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(
						this.deliveries.getCount() + " deliveries missing after " + PHASE_TIMEOUT);
			}
		}

		long[] lastArrivalNanos() {
			long[] values = new long[this.latest.length()];
			for (int i = 0; i < values.length; i++) {
				values[i] = this.latest.get(i);
			}
			return values;
		}

	}

	private static final class Member implements WebSocket.Listener {

		private final AtomicReference<Recorder> phase;

		private final StringBuilder text = new StringBuilder();

		Member(AtomicReference<Recorder> phase) {
			this.phase = phase;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				int colon = message.indexOf(':');
				if (!message.startsWith("id:") && colon > 0) {
					long sent = Long.parseLong(message.substring(colon + 1));
					this.phase.get().received(Integer.parseInt(message.substring(0, colon)), System.nanoTime() - sent);
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
