package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link WsServerDrainLifecycle}: the wsboot server takes part in Boot's graceful
 * shutdown, with readiness down before the first close frame.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WsServerDrainLifecycleTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void drainsByDefaultOverFiveSeconds() {
		this.contextRunner.run((context) -> assertThat(context).getBean(WsServerDrainLifecycle.class)
			.satisfies((drain) -> assertThat(drain.getDrainPeriod()).isEqualTo(Duration.ofSeconds(5))));
	}

	@Test
	void drainBacksOffWithImmediateShutdown() {
		this.contextRunner.withPropertyValues("server.shutdown=immediate")
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerDrainLifecycle.class));
	}

	@Test
	void drainPeriodIsShortenedToFitThePhaseTimeout() {
		this.contextRunner
			.withPropertyValues("wsboot.server.shutdown.drain-period=1m", "wsboot.server.shutdown-timeout=4s",
					"spring.lifecycle.timeout-per-shutdown-phase=20s")
			.run((context) -> assertThat(context.getBean(WsServerDrainLifecycle.class).getDrainPeriod())
				.isEqualTo(Duration.ofSeconds(16)));
	}

	@Test
	void negativeDrainPeriodFailsBinding() {
		this.contextRunner.withPropertyValues("wsboot.server.shutdown.drain-period=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("server.shutdown.drain-period"));
	}

	@Test
	void contextCloseDrainsWithReadinessDownBeforeTheFirstCloseFrame() throws Exception {
		int count = 10;
		Duration period = Duration.ofSeconds(2);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
					"wsboot.server.shutdown.drain-period=" + period.toMillis() + "ms")
			.run();
		int port = context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
		ReadinessRecorder readiness = context.getBean(ReadinessRecorder.class);
		List<RawWsClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				RawWsClient client = RawWsClient.connect(port);
				client.upgrade("/drained");
				clients.add(client);
			}
			List<CompletableFuture<Long>> arrivals = new ArrayList<>();
			for (RawWsClient client : clients) {
				arrivals.add(CompletableFuture.supplyAsync(() -> awaitCloseAndAnswer(client)));
			}
			long start = System.nanoTime();
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
			long firstClose = arrivals.stream().mapToLong(CompletableFuture::join).min().orElseThrow();
			long lastClose = arrivals.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
			assertThat(readiness.refusingSince.get()).isPositive().isLessThan(firstClose);
			assertThat(Duration.ofNanos(lastClose - start)).isLessThan(period.plusSeconds(2));
			assertThat(Duration.ofNanos(lastClose - firstClose)).isGreaterThan(period.dividedBy(4));
			closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			context.close();
			for (RawWsClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void upgradesDuringTheDrainAreAnswered503WithRetryAfter() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
					"wsboot.server.shutdown.drain-period=30s", "wsboot.server.shutdown-timeout=1s")
			.run();
		int port = context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
		ReadinessRecorder readiness = context.getBean(ReadinessRecorder.class);
		WsServer server = context.getBean(WsServerLifecycle.class).getServer();
		try (RawWsClient staying = RawWsClient.connect(port)) {
			staying.upgrade("/drained");
			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
			await().atMost(WAIT).until(() -> readiness.refusingSince.get() > 0 && server.isDraining());
			try (RawWsClient late = RawWsClient.connect(port)) {
				HttpResponseHead head = late.handshake(UpgradeRequest.get("/drained"));
				assertThat(head.status()).isEqualTo(503);
				assertThat(head.header("Retry-After")).isEqualTo("1");
			}
			ServerFrame close = staying.readFrame(Duration.ofSeconds(40));
			assertThat(close.closeCode()).isEqualTo(1001);
			staying.send(ClientFrames.close(1001, ""));
			closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			context.close();
		}
	}

	private static long awaitCloseAndAnswer(RawWsClient client) {
		try {
			ServerFrame frame = client.readFrame(WAIT);
			long arrived = System.nanoTime();
			assertThat(frame.closeCode()).isEqualTo(1001);
			client.send(ClientFrames.close(1001, ""));
			return arrived;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, WsAutoConfiguration.class })
	@Import(DrainedEndpoint.class)
	static class Config {

		@Bean
		ReadinessRecorder readinessRecorder() {
			return new ReadinessRecorder();
		}

	}

	static class ReadinessRecorder implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

		final AtomicLong refusingSince = new AtomicLong();

		@Override
		public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
			if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
				this.refusingSince.compareAndSet(0, System.nanoTime());
			}
		}

	}

	@WsEndpoint("/drained")
	static class DrainedEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
