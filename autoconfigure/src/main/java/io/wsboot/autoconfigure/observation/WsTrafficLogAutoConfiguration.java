package io.wsboot.autoconfigure.observation;

import io.wsboot.autoconfigure.WsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the traffic log, a server listener that logs handshakes and frame
 * summaries at DEBUG on the {@code io.wsboot.traffic} logger; only with
 * {@code wsboot.server.traffic-log.enabled=true}.
 *
 * @author wsboot
 */
@AutoConfiguration(after = WsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "wsboot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("wsboot.server.traffic-log.enabled")
@EnableConfigurationProperties(TrafficLogProperties.class)
public final class WsTrafficLogAutoConfiguration {

	@Bean
	TrafficLog wsTrafficLog(TrafficLogProperties properties) {
		return new TrafficLog(properties);
	}

}
