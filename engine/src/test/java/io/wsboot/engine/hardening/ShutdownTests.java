package io.wsboot.engine.hardening;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the server while clients stream messages (RFC 6455 §7.1.2, §7.4.1 1001): no
 * message is lost, every client gets 1001 and the stop returns within the shutdown
 * timeout.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ShutdownTests {

	static final String STREAM_PATH = "/stream";

	static final int CLIENTS = 8;

	/** Messages handled before the stop: enough that the stop lands mid-stream. */
	static final int MESSAGES_BEFORE_STOP = 2_000;

	/**
	 * Where a client stops if the server never closes: far more than it sends before the
	 * stop.
	 */
	static final int MAX_MESSAGES_PER_CLIENT = 1_000_000;

	private final Accounting handler = new Accounting();

	@AutoClose
	private EchoServerFixture fixture;

	@AutoClose("shutdownNow")
	private final ExecutorService threads = Executors.newFixedThreadPool(2 * CLIENTS);

	@Nested
	@DisplayName("RFC 6455 §7.1.2 server shutdown while clients stream")
	class WhileStreaming {

		@Test
		void stopLosesNoMessageSendsEveryClient1001AndReturnsWithinTheTimeout() throws Exception {
			ShutdownTests.this.fixture = EchoServerFixture.start((config) -> config,
					Endpoint.of(STREAM_PATH, ShutdownTests.this.handler));
			List<StreamingClient> clients = new ArrayList<>();
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				RawWsClient raw = ShutdownTests.this.fixture.open(STREAM_PATH);
				StreamingClient client = new StreamingClient("c" + i, raw);
				clients.add(client);
				running.add(ShutdownTests.this.threads.submit(client::send));
				running.add(ShutdownTests.this.threads.submit(client::receive));
			}
			assertThat(ShutdownTests.this.handler.streaming.await(20, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			ShutdownTests.this.fixture.stop();
			Duration stopTook = Duration.ofNanos(System.nanoTime() - start);
			for (Future<?> task : running) {
				task.get(10, TimeUnit.SECONDS);
			}
			assertThat(stopTook).isLessThanOrEqualTo(EchoServerFixture.SHUTDOWN_TIMEOUT.plusMillis(500));
			int sentTotal = 0;
			for (StreamingClient client : clients) {
				assertThat(client.closeCode).as("close code %s got", client.name)
					.isEqualTo(CloseStatus.GOING_AWAY.code());
				// every message sent before the client answered the close frame reached
				// the handler: the server reads until the close handshake completes
				assertThat(ShutdownTests.this.handler.deliveredFrom(client.name)).as("delivered from %s", client.name)
					.isEqualTo(Set.copyOf(client.sent));
				// every echo the server accepted reached the client, before the 1001
				assertThat(Set.copyOf(client.echoed)).as("echoes to %s", client.name)
					.isEqualTo(ShutdownTests.this.handler.echoesTo(client.name, SendResult.SENT));
				// the rest were delivered after the close frame was queued: refused, not
				// lost
				assertThat(ShutdownTests.this.handler.echoesTo(client.name, SendResult.CLOSED))
					.as("echoes refused to %s", client.name)
					.hasSize(client.sent.size() - client.echoed.size());
				// the stop landed mid-stream
				assertThat(client.sent).hasSizeLessThan(MAX_MESSAGES_PER_CLIENT);
				sentTotal += client.sent.size();
			}
			assertThat(ShutdownTests.this.handler.deliveredCount).hasValue(sentTotal);
			assertThat(ShutdownTests.this.handler.closes).hasValue(CLIENTS);
		}

	}

	/**
	 * Echoes every text and records what it was given and what became of each echo.
	 */
	static final class Accounting implements WsHandler {

		final AtomicInteger deliveredCount = new AtomicInteger();

		final CountDownLatch streaming = new CountDownLatch(MESSAGES_BEFORE_STOP);

		final Map<String, Map<String, CompletableFuture<SendResult>>> echoes = new ConcurrentHashMap<>();

		final AtomicInteger closes = new AtomicInteger();

		@Override
		public void onText(WsSession session, String text) {
			String client = text.substring(0, text.indexOf('-'));
			this.echoes.computeIfAbsent(client, (key) -> new ConcurrentHashMap<>()).put(text, session.sendText(text));
			this.deliveredCount.incrementAndGet();
			this.streaming.countDown();
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.closes.incrementAndGet();
		}

		Set<String> deliveredFrom(String client) {
			return this.echoes.getOrDefault(client, Map.of()).keySet();
		}

		Set<String> echoesTo(String client, SendResult result) {
			Set<String> matching = new HashSet<>();
			this.echoes.getOrDefault(client, Map.of()).forEach((text, future) -> {
				if (future.join() == result) {
					matching.add(text);
				}
			});
			return matching;
		}

	}

	/**
	 * Sends numbered texts until the server's close frame arrives, then answers it;
	 * records what was sent before the answer and what was echoed.
	 */
	static final class StreamingClient {

		final String name;

		final RawWsClient client;

		final List<String> sent = new ArrayList<>();

		final List<String> echoed = new ArrayList<>();

		private final Object lock = new Object();

		private boolean closing;

		volatile int closeCode;

		StreamingClient(String name, RawWsClient client) {
			this.name = name;
			this.client = client;
		}

		Void send() throws IOException {
			for (int i = 0; i < MAX_MESSAGES_PER_CLIENT; i++) {
				String text = this.name + "-" + i;
				synchronized (this.lock) {
					if (this.closing) {
						return null;
					}
					this.client.send(ClientFrames.text(text));
					this.sent.add(text);
				}
			}
			return null;
		}

		Void receive() throws IOException {
			while (true) {
				ServerFrame frame = this.client.readFrame();
				if (frame.isClose()) {
					synchronized (this.lock) {
						this.closing = true;
						this.closeCode = frame.closeCode();
						// RFC 6455 §5.5.1: answer the close frame, echoing its code
						this.client.send(ClientFrames.close(frame.closeCode(), ""));
					}
					this.client.assertTcpClosed(Duration.ofSeconds(5));
					return null;
				}
				this.echoed.add(frame.text());
			}
		}

	}

}
