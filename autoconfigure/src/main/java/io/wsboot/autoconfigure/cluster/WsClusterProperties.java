package io.wsboot.autoconfigure.cluster;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the Redis scale-out. The properties validate themselves, so
 * that a bad value fails start-up with the property named.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot.cluster")
public class WsClusterProperties implements Validator {

	/** Longest node id, so that it fits the message envelope. */
	static final int MAX_NODE_ID_LENGTH = 255;

	/**
	 * Whether broadcasts, group sends and presence span every node through Redis pub/sub.
	 */
	private boolean enabled;

	/**
	 * Kind of cluster; 'redis' turns the scale-out on like 'enabled' does.
	 */
	private @Nullable Type type;

	/**
	 * Id of this node, unique in the cluster; a random id when not set.
	 */
	private @Nullable String nodeId;

	/**
	 * Prefix of the Redis channels and keys; nodes that share it form one cluster.
	 */
	private String channelPrefix = "wsboot";

	/**
	 * How often each node refreshes its presence in Redis.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(5);

	/**
	 * Time after which a node that stopped heartbeating, and its sessions, vanish from
	 * presence; must be longer than the heartbeat interval.
	 */
	private Duration nodeTtl = Duration.ofSeconds(15);

	/**
	 * Whether start-up fails when Redis cannot be reached, rather than starting
	 * local-only and connecting later.
	 */
	private boolean failFast = true;

	/**
	 * Maximum number of messages waiting to be published; more fail at once while local
	 * sessions still get them.
	 */
	private int maxPendingPublishes = 10000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Type getType() {
		return this.type;
	}

	public void setType(@Nullable Type type) {
		this.type = type;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public String getChannelPrefix() {
		return this.channelPrefix;
	}

	public void setChannelPrefix(String channelPrefix) {
		this.channelPrefix = channelPrefix;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getNodeTtl() {
		return this.nodeTtl;
	}

	public void setNodeTtl(Duration nodeTtl) {
		this.nodeTtl = nodeTtl;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public int getMaxPendingPublishes() {
		return this.maxPendingPublishes;
	}

	public void setMaxPendingPublishes(int maxPendingPublishes) {
		this.maxPendingPublishes = maxPendingPublishes;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WsClusterProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		WsClusterProperties properties = (WsClusterProperties) target;
		String nodeId = properties.getNodeId();
		if (nodeId != null && (nodeId.isBlank() || nodeId.length() > MAX_NODE_ID_LENGTH)) {
			errors.rejectValue("nodeId", "length", "must have 1 to " + MAX_NODE_ID_LENGTH + " characters");
		}
		if (properties.getChannelPrefix() == null || properties.getChannelPrefix().isBlank()) {
			errors.rejectValue("channelPrefix", "blank", "must not be blank");
		}
		Duration heartbeat = properties.getHeartbeatInterval();
		if (heartbeat == null || heartbeat.isZero() || heartbeat.isNegative()) {
			errors.rejectValue("heartbeatInterval", "positive", "must be positive");
		}
		else if (properties.getNodeTtl() == null || properties.getNodeTtl().compareTo(heartbeat) <= 0) {
			errors.rejectValue("nodeTtl", "min", "must be longer than wsboot.cluster.heartbeat-interval");
		}
		if (properties.getMaxPendingPublishes() < 1) {
			errors.rejectValue("maxPendingPublishes", "min", "must be at least 1");
		}
	}

	/**
	 * Kinds of cluster.
	 */
	public enum Type {

		/**
		 * Broadcasts reach this node's sessions only.
		 */
		LOCAL,

		/**
		 * Redis pub/sub carries broadcasts to every node.
		 */
		REDIS

	}

}
