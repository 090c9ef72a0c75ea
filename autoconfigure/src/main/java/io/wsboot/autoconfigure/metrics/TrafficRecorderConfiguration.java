package io.wsboot.autoconfigure.metrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one definition of the {@link TrafficRecorder} bean, imported by both
 * {@link WsMetricsAutoConfiguration} and {@code WsbootEndpointAutoConfiguration}: the
 * actuator endpoint reports traffic even when the meters are off, and when both are on
 * they share the recorder. Not an auto-configuration of its own and not for direct use.
 *
 * @author wsboot
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WsMetricsProperties.class)
public final class TrafficRecorderConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TrafficRecorder wsTrafficRecorder(WsMetricsProperties properties) {
		return properties.createRecorder();
	}

}
