package io.wsboot.autoconfigure.cluster;

import io.wsboot.cluster.RedisCluster;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether this node's messages cross to the other nodes: down while Redis is lost
 * (local sessions are still served).
 *
 * @author wsboot
 */
final class ClusterHealthIndicator extends AbstractHealthIndicator {

	private final RedisCluster cluster;

	ClusterHealthIndicator(RedisCluster cluster) {
		super("wsboot cluster health check failed");
		this.cluster = cluster;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.cluster.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("node", this.cluster.nodeId())
			.withDetail("published", this.cluster.publishedMessages())
			.withDetail("received", this.cluster.receivedMessages())
			.withDetail("duplicates", this.cluster.duplicateMessages());
	}

}
