package io.wsboot.autoconfigure.cluster;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.cluster.ClusterSettings;
import io.wsboot.cluster.RedisCluster;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.SessionRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Auto-configuration of the Redis scale-out: with Spring Data Redis on the classpath and
 * {@code wsboot.cluster.enabled=true} (or {@code wsboot.cluster.type=redis}), broadcasts
 * and group sends reach the sessions of every node through the application's
 * {@link RedisConnectionFactory}.
 *
 * @author wsboot
 */
// before WsAutoConfiguration, whose local BroadcastFanOut backs off for ours
@AutoConfiguration(before = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisConnectionFactory.class, RedisMessageListenerContainer.class })
@ConditionalOnBooleanProperty(name = "wsboot.enabled", matchIfMissing = true)
@Conditional(WsClusterAutoConfiguration.OnClusterEnabledCondition.class)
@ConditionalOnBean(RedisConnectionFactory.class)
// a user-defined fan-out (a RedisCluster is one) replaces the whole scale-out
@ConditionalOnMissingBean(BroadcastFanOut.class)
@EnableConfigurationProperties(WsClusterProperties.class)
public final class WsClusterAutoConfiguration {

	/** Bytes of randomness in a generated node id. */
	private static final int RANDOM_NODE_ID_BYTES = 6;

	@Bean
	RedisCluster wsRedisCluster(RedisConnectionFactory connectionFactory, SessionRegistry registry,
			ObjectProvider<JsonCodec> codec, WsClusterProperties properties) {
		return new RedisCluster(connectionFactory, registry, codec.getIfAvailable(), settings(properties));
	}

	static ClusterSettings settings(WsClusterProperties properties) {
		String nodeId = properties.getNodeId();
		if (nodeId == null) {
			byte[] random = new byte[RANDOM_NODE_ID_BYTES];
			ThreadLocalRandom.current().nextBytes(random);
			nodeId = HexFormat.of().formatHex(random);
		}
		return new ClusterSettings(nodeId, properties.getChannelPrefix(), properties.getHeartbeatInterval(),
				properties.getNodeTtl(), properties.isFailFast(), properties.getMaxPendingPublishes());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static final class MetricsConfiguration {

		@Bean
		ClusterMeterBinder wsClusterMeterBinder(RedisCluster cluster) {
			return new ClusterMeterBinder(cluster);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static final class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "wsbootClusterHealthIndicator")
		ClusterHealthIndicator wsbootClusterHealthIndicator(RedisCluster cluster) {
			return new ClusterHealthIndicator(cluster);
		}

	}

	/**
	 * Matches when {@code wsboot.cluster.enabled=true} or
	 * {@code wsboot.cluster.type=redis}.
	 */
	static final class OnClusterEnabledCondition extends AnyNestedCondition {

		OnClusterEnabledCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("wsboot.cluster.enabled")
		static final class Enabled {

		}

		@ConditionalOnProperty(name = "wsboot.cluster.type", havingValue = "redis")
		static final class RedisType {

		}

	}

}
