package io.wsboot.engine.hardening;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.testclient.RawWsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the Spring context while clients stream to a {@code @WsEndpoint}: every client
 * gets 1001, every message its client sent before answering the close reached the
 * endpoint, and the close returns within {@code wsboot.server.shutdown-timeout}.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpringShutdownTests {

	static final int CLIENTS = 4;

	static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

	private final ExecutorService threads = Executors.newFixedThreadPool(2 * CLIENTS);

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Nested
	@DisplayName("RFC 6455 §7.1.2 Spring context close while clients stream")
	class ContextClose {

		@Test
		void contextCloseLosesNoMessageAndSendsEveryClient1001() throws Exception {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
				.web(WebApplicationType.NONE)
				.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
						"wsboot.server.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toMillis() + "ms",
						"server.shutdown=immediate")
				.run();
			int port = context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
			Counter counter = context.getBean(Counter.class);
			List<ShutdownTests.StreamingClient> clients = new ArrayList<>();
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				RawWsClient raw = RawWsClient.connect(port);
				raw.upgrade("/stream");
				ShutdownTests.StreamingClient client = new ShutdownTests.StreamingClient("c" + i, raw);
				clients.add(client);
				running.add(SpringShutdownTests.this.threads.submit(client::send));
				running.add(SpringShutdownTests.this.threads.submit(client::receive));
			}
			assertThat(counter.streaming.await(20, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			context.close();
			Duration closeTook = Duration.ofNanos(System.nanoTime() - start);
			for (Future<?> task : running) {
				task.get(10, TimeUnit.SECONDS);
			}
			assertThat(closeTook).isLessThanOrEqualTo(SHUTDOWN_TIMEOUT.plusMillis(500));
			int sent = 0;
			for (ShutdownTests.StreamingClient client : clients) {
				assertThat(client.closeCode).isEqualTo(CloseStatus.GOING_AWAY.code());
				assertThat(client.sent).hasSizeLessThan(ShutdownTests.MAX_MESSAGES_PER_CLIENT);
				sent += client.sent.size();
			}
			assertThat(counter.received).hasValue(sent);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WsAutoConfiguration.class)
	@Import(StreamEndpoint.class)
	static class Config {

		@Bean
		Counter counter() {
			return new Counter();
		}

	}

	static class Counter {

		final AtomicInteger received = new AtomicInteger();

		final CountDownLatch streaming = new CountDownLatch(ShutdownTests.MESSAGES_BEFORE_STOP);

	}

	@WsEndpoint("/stream")
	static class StreamEndpoint {

		private final Counter counter;

		StreamEndpoint(Counter counter) {
			this.counter = counter;
		}

		@OnMessage
		String text(String text) {
			this.counter.received.incrementAndGet();
			this.counter.streaming.countDown();
			return text;
		}

	}

}
