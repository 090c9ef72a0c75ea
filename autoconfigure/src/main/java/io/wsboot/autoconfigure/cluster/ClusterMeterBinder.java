package io.wsboot.autoconfigure.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wsboot.cluster.RedisCluster;

/**
 * Binds the cluster's meters: messages published and received, fan-out latency and
 * connection state.
 *
 * @author wsboot
 */
final class ClusterMeterBinder implements MeterBinder {

	private final RedisCluster cluster;

	ClusterMeterBinder(RedisCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("wsboot.cluster.messages", this.cluster, RedisCluster::publishedMessages)
			.description("Messages this node published to the cluster or received from other nodes")
			.tag("direction", "published")
			.register(registry);
		FunctionCounter.builder("wsboot.cluster.messages", this.cluster, RedisCluster::receivedMessages)
			.description("Messages this node published to the cluster or received from other nodes")
			.tag("direction", "received")
			.register(registry);
		FunctionCounter.builder("wsboot.cluster.duplicates", this.cluster, RedisCluster::duplicateMessages)
			.description("Messages from other nodes that arrived a second time (a publish the Redis client "
					+ "repeated after a reconnect) and were dropped")
			.register(registry);
		Gauge.builder("wsboot.cluster.connected", this.cluster, (cluster) -> cluster.isConnected() ? 1 : 0)
			.description("Whether this node is connected to Redis (1) or delivers locally only (0)")
			.register(registry);
		Timer latency = Timer.builder("wsboot.cluster.latency")
			.description("Time from publishing a broadcast on another node to queuing it on this node's sessions")
			.publishPercentileHistogram()
			.register(registry);
		this.cluster.addLatencyListener(latency::record);
	}

}
