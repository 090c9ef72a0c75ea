package io.wsboot.autoconfigure.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WsMetricsAutoConfiguration}.
 */
class WsMetricsAutoConfigurationTests {

	/** The engine and its metrics, without a meter registry. */
	private final ApplicationContextRunner withoutRegistry = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				WsAutoConfiguration.class, WsMetricsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Nested
	@DisplayName("conditions")
	class Conditions {

		@Test
		void metricsBindToTheMeterRegistry() {
			contextRunner.run((context) -> assertThat(context).hasSingleBean(TrafficRecorder.class)
				.hasSingleBean(WsMeterBinder.class)
				.hasSingleBean(MeterRegistry.class));
		}

		@Test
		void metricsBackOffWithoutMeterRegistry() {
			withoutRegistry.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WsMeterBinder.class)
				.doesNotHaveBean(TrafficRecorder.class));
		}

		@Test
		void metricsBackOffWithoutMicrometer() {
			withoutRegistry.withClassLoader(new FilteredClassLoader("io.micrometer.core."))
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsMeterBinder.class));
		}

		@Test
		void metricsBackOffWhenDisabled() {
			contextRunner.withPropertyValues("wsboot.metrics.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(WsMeterBinder.class)
					.doesNotHaveBean(TrafficRecorder.class));
		}

		@Test
		void metricsBackOffWhenWsbootIsDisabled() {
			contextRunner.withPropertyValues("wsboot.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(WsMeterBinder.class));
		}

		@Test
		void metricsUseTheRecorderThatTheUserDefines() {
			TrafficRecorder recorder = new TrafficRecorder(PollingModel.CLASSIC_871);
			contextRunner.withBean(TrafficRecorder.class, () -> recorder)
				.run((context) -> assertThat(context).getBean(TrafficRecorder.class).isSameAs(recorder));
		}

	}

	@Nested
	@DisplayName("properties")
	class Properties {

		@Test
		void defaultsMeasureEachConnection() {
			contextRunner.run((context) -> assertThat(context.getBean(TrafficRecorder.class).pollingModel())
				.isEqualTo(PollingModel.MEASURED));
		}

		@Test
		void classicPresetReproduces871BytesPerMessage() {
			contextRunner.withPropertyValues("wsboot.metrics.polling.preset=classic-871").run((context) -> {
				PollingModel model = context.getBean(TrafficRecorder.class).pollingModel();
				assertThat(model).isEqualTo(PollingModel.CLASSIC_871);
				assertThat(model.requestHeadBytes() + model.responseHeadBytes()).isEqualTo(871);
			});
		}

		@Test
		void explicitSizesOverrideThePreset() {
			contextRunner
				.withPropertyValues("wsboot.metrics.polling.request-head-size=500B",
						"wsboot.metrics.polling.response-head-size=200B")
				.run((context) -> assertThat(context.getBean(TrafficRecorder.class).pollingModel())
					.isEqualTo(new PollingModel(500L, 200, true)));
		}

		@Test
		void invalidValuesFailStartUpNamingTheProperty() {
			contextRunner
				.withPropertyValues("wsboot.metrics.tags.max-values-per-variable=0",
						"wsboot.metrics.polling.response-head-size=-1B")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("tags.maxValuesPerVariable")
					.hasMessageContaining("polling.responseHeadSize"));
		}

	}

	@Nested
	@DisplayName("a started server")
	class Started {

		@Test
		void metersOfEachEndpointExistAndCountSessions() {
			contextRunner.withUserConfiguration(EchoConfiguration.class)
				.withPropertyValues("wsboot.server.auto-startup=true", "wsboot.server.port=0",
						"wsboot.server.address=127.0.0.1")
				.run((context) -> {
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("wsboot.connections.opened")
						.tag("endpoint", "/echo")
						.functionCounter()
						.count()).isZero();
					WsServer server = context.getBean(WsServerLifecycle.class).getServer();
					WebSocket socket = HttpClient.newHttpClient()
						.newWebSocketBuilder()
						.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), new WebSocket.Listener() {
						})
						.get(5, TimeUnit.SECONDS);
					await().atMost(Duration.ofSeconds(5))
						.until(() -> registry.get("wsboot.connections.active")
							.tag("endpoint", "/echo")
							.gauge()
							.value() == 1);
					socket.abort();
					await().atMost(Duration.ofSeconds(5))
						.until(() -> registry.find("wsboot.connections.closed")
							.tag("endpoint", "/echo")
							.counter() != null);
					assertThat(registry.get("wsboot.connections.opened")
						.tag("endpoint", "/echo")
						.functionCounter()
						.count()).isEqualTo(1);
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		Endpoint echoEndpoint() {
			return Endpoint.of("/echo", new WsHandler() {
			});
		}

	}

}
