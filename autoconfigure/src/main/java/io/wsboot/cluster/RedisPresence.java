package io.wsboot.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.wsboot.endpoint.session.EndpointSession;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Cluster-wide presence in Redis. Each node owns one hash, rewritten whole from its
 * {@code SessionRegistry} on every heartbeat and after every change, and expiring after
 * the node TTL, so that a node that dies vanishes without anyone cleaning up after it:
 *
 * <pre>
 * {prefix}:nodes                 sorted set: node id, scored by its last heartbeat (ms)
 * {prefix}:presence:{node id}    hash, PEXPIRE node-ttl:
 *     node                       when the node started (ms since the epoch)
 *     e:{path template}          number of this node's sessions of the endpoint
 *     g:{group}                  this node's members of the group, local ids separated by spaces
 * </pre>
 *
 * A node is alive while its hash exists; the sorted set only lists the candidates.
 *
 * @author wsboot
 */
final class RedisPresence {

	private static final byte[] NODE_FIELD = bytes("node");

	/** Nodes whose last heartbeat is older than this many TTLs leave the sorted set. */
	private static final int FORGET_AFTER_TTLS = 10;

	private final RedisConnectionFactory connectionFactory;

	private final String nodeId;

	private final Duration nodeTtl;

	private final byte[] nodesKey;

	private final String presencePrefix;

	private final byte[] ownKey;

	private final byte[] ownNextKey;

	private final long startedAt = System.currentTimeMillis();

	RedisPresence(RedisConnectionFactory connectionFactory, ClusterSettings settings) {
		this.connectionFactory = connectionFactory;
		this.nodeId = settings.nodeId();
		this.nodeTtl = settings.nodeTtl();
		this.nodesKey = bytes(settings.channelPrefix() + ":nodes");
		this.presencePrefix = settings.channelPrefix() + ":presence:";
		this.ownKey = bytes(this.presencePrefix + this.nodeId);
		this.ownNextKey = bytes(this.presencePrefix + this.nodeId + ":next");
	}

	/**
	 * Replace this node's presence with a snapshot of its sessions and refresh its TTL.
	 * @param sessions this node's open sessions
	 */
	void write(Collection<EndpointSession> sessions) {
		Map<String, Long> endpoints = new LinkedHashMap<>();
		Map<String, StringBuilder> groups = new LinkedHashMap<>();
		for (EndpointSession session : sessions) {
			endpoints.merge(session.pathTemplate(), 1L, Long::sum);
			for (String group : session.groups()) {
				StringBuilder members = groups.computeIfAbsent(group, (key) -> new StringBuilder());
				members.append((members.length() > 0) ? " " : "").append(session.id());
			}
		}
		Map<byte[], byte[]> fields = new LinkedHashMap<>();
		fields.put(NODE_FIELD, bytes(Long.toString(this.startedAt)));
		endpoints.forEach((template, count) -> fields.put(bytes("e:" + template), bytes(Long.toString(count))));
		groups.forEach((group, members) -> fields.put(bytes("g:" + group), bytes(members.toString())));
		long now = System.currentTimeMillis();
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.openPipeline();
			// written aside and renamed, so that readers never see half a snapshot
			connection.keyCommands().del(this.ownNextKey);
			connection.hashCommands().hMSet(this.ownNextKey, fields);
			connection.keyCommands().rename(this.ownNextKey, this.ownKey);
			connection.keyCommands().pExpire(this.ownKey, this.nodeTtl.toMillis());
			connection.zSetCommands().zAdd(this.nodesKey, now, bytes(this.nodeId));
			connection.zSetCommands()
				.zRemRangeByScore(this.nodesKey, Double.NEGATIVE_INFINITY,
						now - FORGET_AFTER_TTLS * this.nodeTtl.toMillis());
			connection.closePipeline();
		}
	}

	/**
	 * Remove this node's presence, as a graceful stop does.
	 */
	void remove() {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.openPipeline();
			connection.keyCommands().del(this.ownKey);
			connection.zSetCommands().zRem(this.nodesKey, bytes(this.nodeId));
			connection.closePipeline();
		}
	}

	/**
	 * Return the nodes that are alive: their presence has not expired.
	 * @return the node ids
	 */
	Set<String> nodes() {
		Map<String, byte @Nullable []> started = field(NODE_FIELD);
		Set<String> alive = new LinkedHashSet<>();
		started.forEach((node, value) -> {
			if (value != null) {
				alive.add(node);
			}
		});
		return alive;
	}

	/**
	 * Return the members of a group on every node that is alive.
	 * @param group the group name
	 * @return the cluster session ids
	 */
	Set<String> members(String group) {
		Set<String> members = new LinkedHashSet<>();
		field(bytes("g:" + group)).forEach((node, value) -> {
			if (value != null) {
				for (String id : new String(value, StandardCharsets.UTF_8).split(" ")) {
					members.add(ClusterSessionIds.of(node, id));
				}
			}
		});
		return members;
	}

	/**
	 * Return the number of sessions of an endpoint on each node that has any.
	 * @param pathTemplate the endpoint's path template
	 * @return the count by node id
	 */
	Map<String, Long> sessionCounts(String pathTemplate) {
		Map<String, Long> counts = new LinkedHashMap<>();
		field(bytes("e:" + pathTemplate)).forEach((node, value) -> {
			if (value != null) {
				counts.put(node, Long.parseLong(new String(value, StandardCharsets.UTF_8)));
			}
		});
		return counts;
	}

	private Map<String, byte @Nullable []> field(byte[] field) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Set<byte[]> candidates = connection.zSetCommands().zRange(this.nodesKey, 0, -1);
			List<String> nodes = new ArrayList<>();
			if (candidates != null) {
				candidates.forEach((node) -> nodes.add(new String(node, StandardCharsets.UTF_8)));
			}
			if (nodes.isEmpty()) {
				return Map.of();
			}
			connection.openPipeline();
			for (String node : nodes) {
				connection.hashCommands().hGet(bytes(this.presencePrefix + node), field);
			}
			List<Object> values = connection.closePipeline();
			Map<String, byte @Nullable []> result = new LinkedHashMap<>();
			for (int i = 0; i < nodes.size(); i++) {
				result.put(nodes.get(i), (byte[]) values.get(i));
			}
			return result;
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
