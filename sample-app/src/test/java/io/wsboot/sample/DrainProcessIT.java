package io.wsboot.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.wsboot.sample.SampleProcesses.freePorts;
import static io.wsboot.sample.SampleProcesses.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A rolling-deploy drain of one sample-app JVM, started from the repackaged jar as a real
 * process: 500 clients in 10 chat rooms, 100 chat messages a second broadcast to their
 * rooms, then {@code SIGTERM}. Readiness is down before the first close frame, a new
 * upgrade is answered 503 with {@code Retry-After}, every client gets 1001 within the
 * drain period, spread over it, no client misses a message its room's sender wrote before
 * the sender's session ended, and the JVM exits within the shutdown phase timeout.
 * Failsafe runs this after {@code package}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DrainProcessIT {

	private static final int CLIENTS = 500;

	private static final int ROOMS = 10;

	/** Each room's sender sends every 100 ms: 100 messages a second in all. */
	private static final Duration SEND_INTERVAL = Duration.ofMillis(100);

	private static final Duration DRAIN_PERIOD = Duration.ofSeconds(5);

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(20);

	/** SIGTERM reaches Boot's shutdown hook and the drain starts: generous on 2 cores. */
	private static final Duration DRAIN_START_ALLOWANCE = Duration.ofSeconds(3);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern MESSAGE = Pattern.compile("\"type\":\"message\".*\"text\":\"S(\\d+)-(\\d+)\"");

	@Test
	void sigtermDrainsFiveHundredClientsWithReadinessDownFirst() throws Exception {
		Path jar = Path.of(System.getProperty("wsboot.sample.jar", "target/no-jar-given.jar"));
		assertThat(jar).as("the repackaged sample jar").isRegularFile();
		List<Integer> ports = freePorts(2);
		int httpPort = ports.get(0);
		int wsPort = ports.get(1);
		Path dir = Files.createDirectories(Path.of("target", "drain-process-it"));
		Path log = dir.resolve("sample.log");
		Process process = new ProcessBuilder(java(), "-Xmx512m", "-jar", jar.toString(), "--server.address=127.0.0.1",
				"--server.port=" + httpPort, "--wsboot.server.address=127.0.0.1", "--wsboot.server.port=" + wsPort,
				"--management.endpoint.health.probes.enabled=true", "--server.shutdown=graceful",
				"--spring.lifecycle.timeout-per-shutdown-phase=" + PHASE_TIMEOUT.toSeconds() + "s",
				"--wsboot.server.shutdown.drain-period=" + DRAIN_PERIOD.toSeconds() + "s",
				"--wsboot.server.max-connections-per-address=" + (4 * CLIENTS))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		ExecutorService callbacks = Executors.newFixedThreadPool(4);
		ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.executor(callbacks)
			.build();
		try {
			URI readiness = URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness");
			await().atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.failFast("the sample application exited; its output is in " + log, () -> !process.isAlive())
				.ignoreExceptions()
				.until(() -> status(http, readiness) == 200);

			// the chat is for signed-in users: each room's sender is bob, everyone else
			// ada
			String base = "http://127.0.0.1:" + httpPort;
			Map<String, String> tokens = Map.of("ada", SampleLogin.wsToken(base, "ada"), "bob",
					SampleLogin.wsToken(base, "bob"));
			List<Client> clients = connectAll(http, wsPort, tokens);
			// every client sees its own join before the senders start
			await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch((c) -> c.joined));
			List<Sender> senders = new ArrayList<>();
			for (int room = 0; room < ROOMS; room++) {
				Sender sender = new Sender(room, clients.get(room));
				senders.add(sender);
				timers.scheduleAtFixedRate(sender::sendNext, 0, SEND_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream().allMatch((c) -> c.lastSeq() >= 10));

			ReadinessPoller poller = new ReadinessPoller(http, readiness);
			timers.scheduleWithFixedDelay(poller::poll, 0, 10, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> poller.polls.size() >= 3);
			long sigterm = System.nanoTime();
			process.destroy();

			// a client arriving during the drain is told to come back
			await().atMost(DRAIN_START_ALLOWANCE).until(() -> poller.downSince.get() != 0);
			Throwable refused = catchThrowable(() -> http.newWebSocketBuilder()
				.header("Authorization", "Bearer " + tokens.get("ada"))
				.buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/chat/room-0?user=late"),
						new WebSocket.Listener() {
						})
				.join());
			assertThat(refused).isInstanceOf(CompletionException.class)
				.cause()
				.isInstanceOf(WebSocketHandshakeException.class);
			HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");

			Duration closeDeadline = DRAIN_START_ALLOWANCE.plus(DRAIN_PERIOD).plusSeconds(2);
			await().atMost(closeDeadline.plusSeconds(5)).until(() -> clients.stream().allMatch((c) -> c.closedAt != 0));
			assertThat(process.waitFor(PHASE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)).as("the JVM exits").isTrue();
			Duration exitedAfter = Duration.ofNanos(System.nanoTime() - sigterm);

			List<Long> arrivals = clients.stream().map((c) -> c.closedAt - sigterm).sorted().toList();
			long firstClose = sigterm + arrivals.get(0);
			String report = String.format(
					"close frames after SIGTERM (ms): min %d, median %d, max %d, spread %d; first not-ready readiness probe "
							+ "was sent at %+d ms from SIGTERM; JVM exited after %d ms; %d messages broadcast, %d deliveries",
					millis(arrivals.get(0)), millis(arrivals.get(CLIENTS / 2)), millis(arrivals.get(CLIENTS - 1)),
					millis(arrivals.get(CLIENTS - 1) - arrivals.get(0)), millis(poller.downSince.get() - sigterm),
					exitedAfter.toMillis(), senders.stream().mapToLong((s) -> s.sent.get()).sum(),
					clients.stream().mapToLong((c) -> c.messages.size()).sum());
			System.out.println(report);
			Files.writeString(dir.resolve("report.txt"), report + System.lineSeparator());

			// readiness was down before the first close frame: no probe sent after it
			// arrived saw the node ready, and at least one saw it down
			List<Poll> afterFirstClose = poller.polls.stream().filter((p) -> p.sentAt > firstClose).toList();
			assertThat(afterFirstClose).isNotEmpty().allSatisfy((p) -> assertThat(p.status).isNotEqualTo(200));
			assertThat(afterFirstClose).anySatisfy((p) -> assertThat(p.status).isEqualTo(503));
			// every client was told to go away, within the drain period, spread over it
			assertThat(clients).allSatisfy((c) -> assertThat(c.closeCode).isEqualTo(1001));
			assertThat(millis(arrivals.get(CLIENTS - 1)))
				.isLessThan(DRAIN_START_ALLOWANCE.plus(DRAIN_PERIOD).toMillis());
			assertThat(millis(arrivals.get(CLIENTS - 1) - arrivals.get(0))).isGreaterThan(DRAIN_PERIOD.toMillis() / 2);
			// nothing lost: each client has its sender's messages in order without a gap;
			// and a client still open when its sender's session ended (the chat announces
			// the leave from @OnClose, which runs after every message handler of that
			// session) has every message the sender wrote, acknowledged or not
			int sawSenderLeave = 0;
			for (Client client : clients) {
				Sender sender = senders.get(client.room);
				assertThat(client.sequence()).as("client %d", client.index).isEqualTo(contiguous(client.lastSeq()));
				if (client != sender.client && client.messagesWhenSenderLeft >= 0) {
					sawSenderLeave++;
					assertThat(client.messagesWhenSenderLeft).as("client %d", client.index)
						.isEqualTo(sender.sent.get());
				}
			}
			// how many depends on how soon @OnClose runs after the sender's close frame
			assertThat(sawSenderLeave).isPositive();
			String checked = sawSenderLeave + " clients were open when their sender left and had all "
					+ "of its messages";
			System.out.println(checked);
			Files.writeString(dir.resolve("report.txt"), checked + System.lineSeparator(), StandardOpenOption.APPEND);
			assertThat(exitedAfter).isLessThan(PHASE_TIMEOUT);
		}
		finally {
			process.destroy();
			if (!process.waitFor(PHASE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
			}
			timers.shutdownNow();
			callbacks.shutdownNow();
		}
	}

	private static List<Client> connectAll(HttpClient http, int wsPort, Map<String, String> tokens) {
		List<Client> clients = new ArrayList<>();
		List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			Client client = new Client(i, i % ROOMS);
			clients.add(client);
			opening.add(http.newWebSocketBuilder()
				.connectTimeout(Duration.ofSeconds(20))
				.header("Authorization", "Bearer " + tokens.get(client.user))
				.buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/chat/room-" + client.room + "?user=u" + i),
						client)
				.thenApply((socket) -> client.socket = socket));
			if (opening.size() % 50 == 0) {
				// a bounded number of upgrades in flight
				CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
			}
		}
		CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
		return clients;
	}

	private static List<Long> contiguous(long last) {
		List<Long> expected = new ArrayList<>();
		for (long n = 0; n <= last; n++) {
			expected.add(n);
		}
		return expected;
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000L;
	}

	private static int status(HttpClient http, URI uri) throws IOException, InterruptedException {
		return http
			.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/**
	 * One chat client: records its room sender's message numbers and its close.
	 */
	static final class Client implements WebSocket.Listener {

		final int index;

		final int room;

		/**
		 * The signed-in user: bob for each room's sender (index = room), ada otherwise.
		 */
		final String user;

		final List<Long> messages = new CopyOnWriteArrayList<>();

		private final StringBuilder text = new StringBuilder();

		volatile @Nullable WebSocket socket;

		volatile boolean joined;

		/**
		 * How many of the sender's messages had arrived when its leave did; -1 before.
		 */
		volatile int messagesWhenSenderLeft = -1;

		volatile long closedAt;

		volatile int closeCode;

		Client(int index, int room) {
			this.index = index;
			this.room = room;
			this.user = (index == room) ? "bob" : "ada";
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String message = this.text.toString();
				this.text.setLength(0);
				Matcher matcher = MESSAGE.matcher(message);
				if (matcher.find() && Integer.parseInt(matcher.group(1)) == this.room) {
					this.messages.add(Long.parseLong(matcher.group(2)));
				}
				else if (message.contains("\"type\":\"join\"") && message.contains("\"user\":\"" + this.user + "\"")) {
					this.joined = true;
				}
				else if (message.contains("\"type\":\"leave\"") && message.contains("\"user\":\"bob\"")) {
					this.messagesWhenSenderLeft = this.messages.size();
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closeCode = statusCode;
			this.closedAt = System.nanoTime();
			// returning null answers with a close frame at once
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			if (this.closedAt == 0) {
				this.closeCode = -1;
				this.closedAt = System.nanoTime();
			}
		}

		long lastSeq() {
			List<Long> messages = this.messages;
			return messages.isEmpty() ? -1 : messages.get(messages.size() - 1);
		}

		List<Long> sequence() {
			return List.copyOf(this.messages);
		}

	}

	/**
	 * The client that sends its room's messages, one per interval while it is open.
	 */
	static final class Sender {

		private final int room;

		final Client client;

		final AtomicLong sent = new AtomicLong();

		private volatile CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

		Sender(int room, Client client) {
			this.room = room;
			this.client = client;
		}

		void sendNext() {
			WebSocket socket = this.client.socket;
			if (socket == null || this.client.closedAt != 0 || !this.lastSend.isDone()) {
				return;
			}
			long n = this.sent.get();
			this.lastSend = socket.sendText("{\"text\":\"S" + this.room + "-" + n + "\"}", true)
				.thenRun(this.sent::incrementAndGet);
		}

	}

	record Poll(long sentAt, int status) {

	}

	/**
	 * Polls the readiness probe, recording when each poll was sent and what it answered.
	 */
	static final class ReadinessPoller {

		private final HttpClient http;

		private final URI uri;

		final List<Poll> polls = new CopyOnWriteArrayList<>();

		final AtomicLong downSince = new AtomicLong();

		ReadinessPoller(HttpClient http, URI uri) {
			this.http = http;
			this.uri = uri;
		}

		void poll() {
			long sentAt = System.nanoTime();
			int status;
			try {
				status = status(this.http, this.uri);
			}
			catch (IOException ex) {
				// the web server has stopped: the node is certainly not ready
				status = -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.polls.add(new Poll(sentAt, status));
			if (status != 200) {
				this.downSince.compareAndSet(0, sentAt);
			}
		}

	}

}
