package io.wsboot.autoconfigure.streams;

import io.wsboot.autoconfigure.cluster.WsClusterProperties;
import io.wsboot.cluster.RedisCluster;
import io.wsboot.cluster.RedisStreamHistory;
import io.wsboot.streams.InMemoryStreamHistory;
import io.wsboot.streams.StreamHistory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The {@link StreamHistory} variants, imported in order: Redis Streams when the Redis
 * cluster is on, else memory.
 *
 * @author wsboot
 */
final class StreamHistoryConfigurations {

	private StreamHistoryConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	@ConditionalOnBean(RedisCluster.class)
	static final class Redis {

		@Bean
		@ConditionalOnMissingBean
		StreamHistory wsStreamHistory(RedisConnectionFactory connectionFactory,
				ObjectProvider<WsClusterProperties> clusterProperties, WsStreamsProperties properties) {
			String prefix = clusterProperties.getIfAvailable(WsClusterProperties::new).getChannelPrefix();
			return new RedisStreamHistory(connectionFactory, prefix, properties.getHistorySize(),
					properties.getHistoryTtl());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static final class Memory {

		@Bean
		@ConditionalOnMissingBean
		StreamHistory wsStreamHistory(WsStreamsProperties properties) {
			return new InMemoryStreamHistory(properties.getHistorySize(), properties.getHistoryTtl());
		}

	}

}
