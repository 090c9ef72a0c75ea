package io.wsboot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerStartedEvent;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the wsboot meters: a {@link TrafficRecorder} and a
 * {@link WsMeterBinder}, both listeners of the server, when Micrometer and a
 * {@link MeterRegistry} are there. {@code wsboot.metrics.enabled=false} turns them off.
 *
 * @author wsboot
 */
@AutoConfiguration(after = WsAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = { "wsboot.enabled", "wsboot.metrics.enabled" }, matchIfMissing = true)
@Import(TrafficRecorderConfiguration.class)
public final class WsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsMeterBinder wsMeterBinder(TrafficRecorder recorder) {
		return new WsMeterBinder(recorder);
	}

	@Bean
	EndpointRegistration wsTrafficEndpointRegistration(TrafficRecorder recorder) {
		return new EndpointRegistration(recorder);
	}

	/**
	 * Creates the traffic groups of the server's endpoints when it starts, so that their
	 * meters exist before the first session.
	 */
	static final class EndpointRegistration implements ApplicationListener<WsServerStartedEvent> {

		private final TrafficRecorder recorder;

		EndpointRegistration(TrafficRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void onApplicationEvent(WsServerStartedEvent event) {
			this.recorder.register(event.getServer().endpoints());
		}

	}

}
