package io.wsboot.actuate.health;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code wsboot} health indicator, when Spring Boot's health
 * support is there; {@code management.health.wsboot.enabled=false} turns it off.
 *
 * @author wsboot
 */
@AutoConfiguration(after = WsAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(WsServerLifecycle.class)
@ConditionalOnEnabledHealthIndicator("wsboot")
public final class WsServerHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wsbootHealthIndicator")
	WsServerHealthIndicator wsbootHealthIndicator(WsServerLifecycle lifecycle) {
		return new WsServerHealthIndicator(lifecycle::getServer);
	}

}
