package io.wsboot.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerStartedEvent;
import io.wsboot.observation.HandshakeObservationConvention;
import io.wsboot.observation.HandshakeObservationListener;
import io.wsboot.observation.MessageObservationConvention;
import io.wsboot.observation.MessageObservationInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of wsboot's observations through the application's
 * {@link ObservationRegistry}: a {@link HandshakeObservationListener} and a
 * {@link MessageObservationInterceptor}, with the {@link HandshakeObservationConvention}
 * and {@link MessageObservationConvention} beans, when defined, in place of the defaults.
 * Nothing when there is no registry.
 *
 * @author wsboot
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "wsboot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WsObservationProperties.class)
public final class WsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "wsboot.observations.handshakes.enabled", matchIfMissing = true)
	HandshakeObservationListener wsHandshakeObservationListener(ObservationRegistry registry,
			ObjectProvider<HandshakeObservationConvention> convention, WsObservationProperties properties) {
		return new HandshakeObservationListener(registry, convention.getIfAvailable(),
				properties.getMessages().isEnabled());
	}

	@Bean
	ApplicationListener<WsServerStartedEvent> wsHandshakeObservationEndpoints(
			ObjectProvider<HandshakeObservationListener> listener) {
		return (event) -> listener.ifAvailable((available) -> available.setEndpoints(event.getServer().endpoints()));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "wsboot.observations.messages.enabled", matchIfMissing = true)
	MessageObservationInterceptor wsMessageObservationInterceptor(ObservationRegistry registry,
			ObjectProvider<MessageObservationConvention> convention) {
		return new MessageObservationInterceptor(registry, convention.getIfAvailable());
	}

}
