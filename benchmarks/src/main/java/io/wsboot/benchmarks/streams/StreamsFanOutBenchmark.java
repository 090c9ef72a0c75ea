package io.wsboot.benchmarks.streams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.streams.WsStreamsAutoConfiguration;
import io.wsboot.endpoint.annotation.OnOpen;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.WsSessions;
import io.wsboot.streams.WsStreams;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Publish-to-delivery throughput to {@value #SUBSCRIBERS} subscribers of one stream, with
 * history (in memory, offsets, the publication envelope), against the existing group
 * broadcast of the same payload through the same fan-out, in one run so that the ratio is
 * what counts. Not a test: run {@code benchmarks/streams.sh}. Each round sends
 * {@value #MESSAGES} messages as fast as the publisher can and times until every
 * subscriber has every one; the modes alternate for {@value #ROUNDS} rounds and the best
 * round of each is kept. Every phase is bounded; everything runs on 127.0.0.1.
 *
 * @author wsboot
 */
public final class StreamsFanOutBenchmark {

	private static final int SUBSCRIBERS = 1000;

	private static final int MESSAGES = 500;

	private static final int ROUNDS = 4;

	private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);

	private static final String PAYLOAD = "x".repeat(64);

	private StreamsFanOutBenchmark() {
	}

	/**
	 * Run the benchmark and print the result.
	 * @param args not used
	 * @throws Exception when a phase fails or times out
	 */
	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
					"wsboot.server.max-connections-per-address=" + (4 * SUBSCRIBERS), "spring.main.banner-mode=off",
					"logging.level.root=WARN", "wsboot.streams.history-size=100")
			.run();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		HttpClient http = HttpClient.newBuilder().executor(executor).build();
		try {
			int port = context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
			WsSessions sessions = context.getBean(WsSessions.class);
			WsStreams streams = context.getBean(WsStreams.class);
			Mode group = new Mode("group broadcast", connect(http, port, "/group"),
					(i) -> sessions.sendToGroup("bench", PAYLOAD + i));
			Mode stream = new Mode("stream with history", connect(http, port, "/stream"),
					(i) -> streams.publish("bench", PAYLOAD + i));
			// the publication envelope (type, stream, epoch, offset) makes each frame
			// longer
			String envelope = "{\"type\":\"publication\",\"stream\":\"bench\",\"epoch\":\"0123456789ab\",\"offset\":100,\"data\":\"\"}";
			Mode sameSize = new Mode("group, same size", group.subscribers,
					(i) -> sessions.sendToGroup("bench", envelope + PAYLOAD + i));
			List<Mode> modes = List.of(group, stream, sameSize);
			for (int round = 0; round < ROUNDS; round++) {
				for (int m = 0; m < modes.size(); m++) {
					modes.get((m + round) % modes.size()).run();
				}
			}
			System.out.println(report(group, stream, sameSize));
		}
		finally {
			context.close();
			executor.shutdownNow();
		}
		System.exit(0);
	}

	private static Subscribers connect(HttpClient http, int port, String path) throws Exception {
		Subscribers subscribers = new Subscribers();
		// every subscriber joined or subscribed once its first message arrives
		CountDownLatch ready = subscribers.expect(SUBSCRIBERS);
		List<CompletableFuture<WebSocket>> connecting = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			connecting.add(http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + port + path), subscribers.listener()));
		}
		for (CompletableFuture<WebSocket> future : connecting) {
			future.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		if (!ready.await(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("not every subscriber of " + path + " was ready in " + PHASE_TIMEOUT);
		}
		return subscribers;
	}

	private static String report(Mode group, Mode stream, Mode sameSize) {
		double ratio = stream.best / group.best;
		return String.format(Locale.ROOT,
				"publish-to-delivery, %d subscribers, %d messages of %d B data, best of %d rounds%n"
						+ "  %-20s %,12.0f deliveries/s%n  %-20s %,12.0f deliveries/s%n  %-20s %,12.0f deliveries/s%n"
						+ "  stream / group = %.2f (streams cost %.0f%%); stream / group of the same frame size = %.2f",
				SUBSCRIBERS, MESSAGES, PAYLOAD.length() + 3, ROUNDS, group.name, group.best, stream.name, stream.best,
				sameSize.name, sameSize.best, ratio, (1 - ratio) * 100, stream.best / sameSize.best);
	}

	private static final class Mode {

		private final String name;

		private final Subscribers subscribers;

		private final Publisher publisher;

		private double best;

		Mode(String name, Subscribers subscribers, Publisher publisher) {
			this.name = name;
			this.subscribers = subscribers;
			this.publisher = publisher;
		}

		void run() throws Exception {
			CountDownLatch done = this.subscribers.expect((long) MESSAGES * SUBSCRIBERS);
			long start = System.nanoTime();
			for (int i = 0; i < MESSAGES; i++) {
				this.publisher.publish(i);
			}
			if (!done.await(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException(this.name + ": not every message arrived in " + PHASE_TIMEOUT);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			this.best = Math.max(this.best, MESSAGES * (double) SUBSCRIBERS / seconds);
		}

	}

	@FunctionalInterface
	private interface Publisher {

		void publish(int index);

	}

	/**
	 * Counts the text messages all subscribers receive and opens a latch at a target.
	 */
	private static final class Subscribers {

		private final AtomicReference<Phase> phase = new AtomicReference<>(new Phase(Long.MAX_VALUE));

		CountDownLatch expect(long messages) {
			Phase next = new Phase(messages);
			this.phase.set(next);
			return next.done;
		}

		WebSocket.Listener listener() {
			return new WebSocket.Listener() {

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					if (last) {
						Subscribers.this.phase.get().received();
					}
					webSocket.request(1);
					return null;
				}

			};
		}

	}

	private static final class Phase {

		private final long target;

		private final AtomicLong count = new AtomicLong();

		private final CountDownLatch done = new CountDownLatch(1);

		Phase(long target) {
			this.target = target;
		}

		void received() {
			if (this.count.incrementAndGet() == this.target) {
				this.done.countDown();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, WsAutoConfiguration.class,
			WsStreamsAutoConfiguration.class })
	@Import({ GroupEndpoint.class, StreamEndpoint.class })
	static class Config {

	}

	/**
	 * Joins every session to the group {@code bench}.
	 */
	@WsEndpoint("/group")
	static class GroupEndpoint {

		@OnOpen
		void open(EndpointSession session) {
			session.join("bench");
			session.sendText("joined");
		}

	}

	/**
	 * Subscribes every session to the stream {@code bench}; the answer is its first
	 * message.
	 */
	@WsEndpoint("/stream")
	static class StreamEndpoint {

		private final WsStreams streams;

		StreamEndpoint(WsStreams streams) {
			this.streams = streams;
		}

		@OnOpen
		void open(EndpointSession session) {
			this.streams.subscribe(session, "bench");
		}

	}

}
