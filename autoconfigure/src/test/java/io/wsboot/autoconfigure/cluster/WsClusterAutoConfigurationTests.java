package io.wsboot.autoconfigure.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.cluster.ClusterSettings;
import io.wsboot.cluster.RedisCluster;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.broadcast.LocalBroadcastFanOut;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsClusterAutoConfiguration}. Redis is pointed at a closed port with
 * {@code fail-fast=false}, so that no Redis is needed: the node starts local-only.
 */
class WsClusterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
				WsClusterAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false", "spring.data.redis.port=" + closedPort(),
				"spring.data.redis.timeout=1s", "wsboot.cluster.fail-fast=false");

	@Nested
	@DisplayName("conditions")
	class Conditions {

		@Test
		void clusterIsOffByDefault() {
			contextRunner.run((context) -> {
				assertThat(context).doesNotHaveBean(RedisCluster.class);
				assertThat(context.getBean(BroadcastFanOut.class)).isInstanceOf(LocalBroadcastFanOut.class);
			});
		}

		@Test
		void enabledReplacesTheLocalFanOut() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true").run((context) -> {
				assertThat(context).hasSingleBean(RedisCluster.class);
				assertThat(context.getBean(BroadcastFanOut.class)).isSameAs(context.getBean(RedisCluster.class));
			});
		}

		@Test
		void typeRedisEnablesIt() {
			contextRunner.withPropertyValues("wsboot.cluster.type=redis")
				.run((context) -> assertThat(context).hasSingleBean(RedisCluster.class));
		}

		@Test
		void typeLocalKeepsItOff() {
			contextRunner.withPropertyValues("wsboot.cluster.type=local")
				.run((context) -> assertThat(context).doesNotHaveBean(RedisCluster.class));
		}

		@Test
		void clusterBacksOffWithoutSpringDataRedis() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true")
				.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
				.run((context) -> {
					assertThat(context).hasNotFailed().doesNotHaveBean(RedisCluster.class);
					assertThat(context.getBean(BroadcastFanOut.class)).isInstanceOf(LocalBroadcastFanOut.class);
				});
		}

		@Test
		void clusterBacksOffWithoutAConnectionFactory() {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(WsClusterAutoConfiguration.class, WsAutoConfiguration.class))
				.withPropertyValues("wsboot.server.auto-startup=false", "wsboot.cluster.enabled=true")
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisCluster.class));
		}

		@Test
		void clusterBacksOffForAUserDefinedFanOut() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true")
				.withBean("myFanOut", BroadcastFanOut.class,
						() -> (broadcast) -> CompletableFuture.completedFuture(null))
				.run((context) -> {
					assertThat(context).hasNotFailed().doesNotHaveBean(RedisCluster.class);
					assertThat(context).getBean(BroadcastFanOut.class).isSameAs(context.getBean("myFanOut"));
				});
		}

		@Test
		void clusterBacksOffWhenWsbootIsDisabled() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true", "wsboot.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(RedisCluster.class));
		}

	}

	@Nested
	@DisplayName("properties")
	class Properties {

		@Test
		void defaults() {
			WsClusterProperties properties = new WsClusterProperties();
			assertThat(properties.isEnabled()).isFalse();
			assertThat(properties.getType()).isNull();
			assertThat(properties.getChannelPrefix()).isEqualTo("wsboot");
			assertThat(properties.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getNodeTtl()).isEqualTo(Duration.ofSeconds(15));
			assertThat(properties.isFailFast()).isTrue();
			assertThat(properties.getMaxPendingPublishes()).isEqualTo(10000);
			ClusterSettings settings = WsClusterAutoConfiguration.settings(properties);
			assertThat(settings.nodeId()).matches("[0-9a-f]{12}");
			assertThat(WsClusterAutoConfiguration.settings(properties).nodeId()).isNotEqualTo(settings.nodeId());
		}

		@Test
		void everyPropertyReachesTheNode() {
			contextRunner
				.withPropertyValues("wsboot.cluster.enabled=true", "wsboot.cluster.node-id=node-7",
						"wsboot.cluster.channel-prefix=chat", "wsboot.cluster.heartbeat-interval=1s",
						"wsboot.cluster.node-ttl=3s", "wsboot.cluster.max-pending-publishes=5")
				.run((context) -> {
					ClusterSettings settings = WsClusterAutoConfiguration
						.settings(context.getBean(WsClusterProperties.class));
					assertThat(settings).isEqualTo(new ClusterSettings("node-7", "chat", Duration.ofSeconds(1),
							Duration.ofSeconds(3), false, 5));
					assertThat(context.getBean(RedisCluster.class).nodeId()).isEqualTo("node-7");
				});
		}

		@Test
		void nodeTtlMustExceedTheHeartbeatInterval() {
			contextRunner
				.withPropertyValues("wsboot.cluster.enabled=true", "wsboot.cluster.heartbeat-interval=5s",
						"wsboot.cluster.node-ttl=5s")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("wsboot.cluster.nodeTtl")
					.hasMessageContaining("must be longer than wsboot.cluster.heartbeat-interval"));
		}

		@Test
		void blankPrefixZeroHeartbeatAndNoPendingAreRejected() {
			contextRunner
				.withPropertyValues("wsboot.cluster.enabled=true", "wsboot.cluster.channel-prefix= ",
						"wsboot.cluster.heartbeat-interval=0s", "wsboot.cluster.max-pending-publishes=0",
						"wsboot.cluster.node-id= ")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("wsboot.cluster.channelPrefix")
					.hasMessageContaining("wsboot.cluster.heartbeatInterval")
					.hasMessageContaining("wsboot.cluster.maxPendingPublishes")
					.hasMessageContaining("wsboot.cluster.nodeId"));
		}

	}

	@Nested
	@DisplayName("metrics and health")
	class MetricsAndHealth {

		@Test
		void metersDescribeTheNode() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true").run((context) -> {
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(ClusterMeterBinder.class).bindTo(registry);
				assertThat(
						registry.get("wsboot.cluster.messages").tag("direction", "published").functionCounter().count())
					.isZero();
				assertThat(
						registry.get("wsboot.cluster.messages").tag("direction", "received").functionCounter().count())
					.isZero();
				assertThat(registry.get("wsboot.cluster.duplicates").functionCounter().count()).isZero();
				assertThat(registry.get("wsboot.cluster.connected").gauge().value()).isZero();
				assertThat(registry.get("wsboot.cluster.latency").timer().count()).isZero();
			});
		}

		@Test
		void metricsBackOffWithoutMicrometer() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true")
				.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterMeterBinder.class));
		}

		@Test
		void healthIsDownWhileRedisIsUnreachable() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true").run((context) -> {
				Health health = context.getBean("wsbootClusterHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("node", context.getBean(RedisCluster.class).nodeId());
			});
		}

		@Test
		void healthBacksOffWithoutSpringBootHealth() {
			contextRunner.withPropertyValues("wsboot.cluster.enabled=true")
				.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClusterHealthIndicator.class));
		}

	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
