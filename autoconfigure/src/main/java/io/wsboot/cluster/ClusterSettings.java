package io.wsboot.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisCluster} node identifies itself and talks to Redis.
 *
 * @param nodeId this node's id, unique in the cluster
 * @param channelPrefix the prefix of every channel and key, such as {@code wsboot}
 * @param heartbeatInterval how often this node refreshes its presence
 * @param nodeTtl how long the presence of a node that stopped heartbeating stays visible
 * @param failFast whether {@link RedisCluster#start()} fails when Redis cannot be
 * reached, rather than starting local-only and connecting later
 * @param maxPendingPublishes the most messages waiting to be published; more fail at once
 * (local sessions still get them)
 * @author wsboot
 */
public record ClusterSettings(String nodeId, String channelPrefix, Duration heartbeatInterval, Duration nodeTtl,
		boolean failFast, int maxPendingPublishes) {

	/** Longest node id, so that it fits the envelope's length field. */
	public static final int MAX_NODE_ID_BYTES = 255;

	/**
	 * Create settings.
	 * @param nodeId this node's id
	 * @param channelPrefix the prefix of channels and keys
	 * @param heartbeatInterval how often presence is refreshed
	 * @param nodeTtl how long a silent node's presence stays visible
	 * @param failFast whether start fails without Redis
	 * @param maxPendingPublishes the most messages waiting to be published
	 */
	public ClusterSettings {
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(channelPrefix, "channelPrefix");
		if (nodeId.isBlank() || nodeId.length() > MAX_NODE_ID_BYTES) {
			throw new IllegalArgumentException("node id must have 1 to " + MAX_NODE_ID_BYTES + " characters");
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("heartbeat interval must be positive");
		}
		if (nodeTtl.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException("node TTL (" + nodeTtl + ") must be longer than the heartbeat interval ("
					+ heartbeatInterval + ")");
		}
		if (maxPendingPublishes < 1) {
			throw new IllegalArgumentException("max pending publishes must be at least 1");
		}
	}

}
