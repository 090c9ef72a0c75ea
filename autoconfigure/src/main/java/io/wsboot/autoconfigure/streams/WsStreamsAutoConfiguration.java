package io.wsboot.autoconfigure.streams;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.streams.StreamHistory;
import io.wsboot.streams.StreamPublishPolicy;
import io.wsboot.streams.StreamsEndpoint;
import io.wsboot.streams.WsStreams;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of streams: a {@link WsStreams} bean whose history is in Redis
 * Streams when the Redis cluster is on, in memory otherwise; the built-in
 * {@link StreamsEndpoint} when {@code wsboot.streams.endpoint-path} is set; and the
 * streams' meters.
 *
 * @author wsboot
 */
@AutoConfiguration(after = { WsAutoConfiguration.class, WsClusterAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "wsboot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "wsboot.streams.enabled", matchIfMissing = true)
@ConditionalOnBean({ SessionRegistry.class, BroadcastFanOut.class })
@EnableConfigurationProperties(WsStreamsProperties.class)
// Redis first: the memory history backs off when it defined one
@Import({ StreamHistoryConfigurations.Redis.class, StreamHistoryConfigurations.Memory.class })
public final class WsStreamsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsStreams wsStreams(StreamHistory history, BroadcastFanOut fanOut, SessionRegistry registry,
			ObjectProvider<JsonCodec> codec) {
		return new WsStreams(history, fanOut, registry, codec.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	StreamPublishPolicy wsStreamPublishPolicy() {
		return StreamPublishPolicy.denyAll();
	}

	@Bean
	@ConditionalOnProperty("wsboot.streams.endpoint-path")
	@ConditionalOnBean(JsonCodec.class)
	@ConditionalOnMissingBean
	StreamsEndpoint wsStreamsEndpoint(WsStreams streams, JsonCodec codec, StreamPublishPolicy publishPolicy) {
		return new StreamsEndpoint(streams, codec, publishPolicy);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static final class MetricsConfiguration {

		@Bean
		StreamsMeterBinder wsStreamsMeterBinder(WsStreams streams, WsStreamsProperties properties) {
			return new StreamsMeterBinder(streams, properties.getMaxTaggedStreams());
		}

	}

}
