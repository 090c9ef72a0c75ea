package io.wsboot.actuate.health;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import org.junit.jupiter.api.Test;

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

	@Test
	void healthIndicatorBacksOffWhenDisabled() {
		contextRunner.withPropertyValues("management.health.wsboot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWithoutHealthSupport() {
		contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsServerHealthIndicator.class));
	}

	@Test
	void healthIndicatorBacksOffWhenWsbootIsDisabled() {
		contextRunner.withPropertyValues("wsboot.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerHealthIndicator.class));
	}

}
