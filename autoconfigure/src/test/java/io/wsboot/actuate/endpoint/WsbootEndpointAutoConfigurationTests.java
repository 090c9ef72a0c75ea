package io.wsboot.actuate.endpoint;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.metrics.TrafficRecorder;
import io.wsboot.autoconfigure.metrics.WsMeterBinder;
import io.wsboot.autoconfigure.metrics.WsMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsbootEndpointAutoConfiguration}.
 */
class WsbootEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class,
				WsbootEndpointAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void endpointIsCreatedWhenExposed() {
		contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wsboot")
			.run((context) -> assertThat(context).hasSingleBean(WsbootEndpoint.class)
				.hasSingleBean(WsbootEndpointWebExtension.class)
				.hasSingleBean(TrafficRecorder.class));
	}

	@Test
	void endpointBacksOffWhenNotExposed() {
		contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WsbootEndpoint.class)
			.doesNotHaveBean(TrafficRecorder.class));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wsboot")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsbootEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenWsbootIsDisabled() {
		contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wsboot", "wsboot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsbootEndpoint.class));
	}

	@Test
	void endpointKeepsItsRecorderWhenMetricsAreDisabled() {
		contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=wsboot", "wsboot.metrics.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(WsbootEndpoint.class)
				.hasSingleBean(TrafficRecorder.class)
				.doesNotHaveBean(WsMeterBinder.class));
	}

	@Test
	void endpointSharesTheRecorderOfTheMetrics() {
		contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=wsboot")
			.run((context) -> assertThat(context).hasSingleBean(WsbootEndpoint.class)
				.hasSingleBean(TrafficRecorder.class)
				.hasSingleBean(WsMeterBinder.class));
	}

}
