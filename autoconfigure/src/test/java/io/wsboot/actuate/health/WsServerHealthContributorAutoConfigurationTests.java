package io.wsboot.actuate.health;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsServerHealthContributorAutoConfiguration}.
 */
class WsServerHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsAutoConfiguration.class, WsServerHealthContributorAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void healthIndicatorIsCreated() {
		contextRunner.run((context) -> assertThat(context).hasSingleBean(WsServerHealthIndicator.class)
			.hasBean("wsbootHealthIndicator"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "management.health.wsboot.enabled=false", "wsboot.enabled=false" })
	void healthIndicatorBacksOffWhenDisabled(String property) {
		contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWithoutHealthSupport() {
		contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsServerHealthIndicator.class));
	}

}
