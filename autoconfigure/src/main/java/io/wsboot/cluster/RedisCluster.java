package io.wsboot.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.Messages;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.engine.PreparedMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A {@link BroadcastFanOut} over Redis pub/sub, one per node, plus routing to one session
 * and cluster-wide presence.
 *
 * <p>
 * A broadcast is delivered to this node's sessions at once and published once to the
 * channel {@code {prefix}:broadcast}; every other node delivers it to its own sessions,
 * and this node ignores its own echo, so each session gets it exactly once. A send to one
 * session goes to the channel {@code {prefix}:node:{node id}} of the node named in its
 * {@linkplain ClusterSessionIds cluster id}.
 *
 * <p>
 * Ordering: one publisher thread per node sends in the order broadcasts were made, Redis
 * relays a connection's messages in order, and messages received are delivered on the
 * subscription's thread one after the other. So every node, the publishing one included,
 * sees the broadcasts of one node in the same order; broadcasts of different nodes may
 * interleave differently on different nodes. Delivery is at most once: pub/sub keeps
 * nothing for a node that is not subscribed at that moment, and each message carries its
 * sender's sequence number so that a publish the Redis client repeats after a reconnect
 * is dropped by the receivers ({@link RedisReceiver}).
 *
 * @author wsboot
 */
public final class RedisCluster implements BroadcastFanOut, SmartLifecycle, AutoCloseable {

	/**
	 * Lifecycle phase: after the Redis client starts and before the WebSocket server
	 * does, so that the server stops first and the presence can still be removed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(RedisCluster.class);

	/** Longest time {@link #close()} waits for queued messages to be published. */
	private static final Duration PUBLISH_DRAIN_TIMEOUT = Duration.ofSeconds(2);

	/** Delay that gathers several presence changes into one write. */
	private static final Duration PRESENCE_WRITE_DELAY = Duration.ofMillis(20);

	private final RedisConnectionFactory connectionFactory;

	private final SessionRegistry registry;

	private final @Nullable JsonCodec codec;

	private final ClusterSettings settings;

	private final RedisPresence presence;

	private final byte[] broadcastChannel;

	private final RedisPublisher publisher;

	private final Object publishLock = new Object();

	private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

	private final ScheduledExecutorService scheduler;

	private final AtomicBoolean presenceDirty = new AtomicBoolean();

	private final RedisReceiver receiver;

	/** This run of the node, so that receivers tell a restart from a repeat. */
	private final long incarnation = randomNonZero();

	/** Number of the last message published; guarded by {@link #publishLock}. */
	private long lastSequence;

	private volatile long lastHeartbeatNanos;

	private volatile boolean heartbeatFailing = true;

	private volatile boolean running;

	private volatile boolean subscribed;

	/**
	 * Create a node; {@link #start()} connects it.
	 * @param connectionFactory the application's Redis connections
	 * @param registry this node's sessions
	 * @param codec the JSON codec for {@link #sendToSession(String, Object)}, or
	 * {@code null} when none is available
	 * @param settings the node's settings
	 */
	public RedisCluster(RedisConnectionFactory connectionFactory, SessionRegistry registry, @Nullable JsonCodec codec,
			ClusterSettings settings) {
		this.connectionFactory = connectionFactory;
		this.registry = registry;
		this.codec = codec;
		this.settings = settings;
		this.presence = new RedisPresence(connectionFactory, settings);
		this.broadcastChannel = bytes(broadcastChannel(settings.channelPrefix()));
		this.publisher = new RedisPublisher(connectionFactory, settings.maxPendingPublishes());
		this.receiver = new RedisReceiver(settings.nodeId(), registry);
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("wsboot-cluster-presence-"));
	}

	static String broadcastChannel(String prefix) {
		return prefix + ":broadcast";
	}

	static String nodeChannel(String prefix, String nodeId) {
		return prefix + ":node:" + nodeId;
	}

	/**
	 * Connect to Redis: subscribe, start publishing and heartbeating.
	 * @throws IllegalStateException when Redis cannot be reached and the settings ask to
	 * fail fast
	 */
	@Override
	public void start() {
		if (this.running) {
			return;
		}
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.ping();
		}
		catch (RuntimeException ex) {
			if (this.settings.failFast()) {
				throw new IllegalStateException("wsboot cluster node '" + this.settings.nodeId()
						+ "' cannot reach Redis (" + ex.getMessage() + "); start Redis, check spring.data.redis.*, "
						+ "or set wsboot.cluster.fail-fast=false to start local-only and connect later", ex);
			}
			logger.warn("wsboot cluster node '" + this.settings.nodeId() + "' cannot reach Redis (" + ex.getMessage()
					+ "); delivering to local sessions only until it can");
		}
		this.running = true;
		this.container.setConnectionFactory(this.connectionFactory);
		// one subscription thread delivers in the order Redis relays
		this.container.setTaskExecutor(new SyncTaskExecutor());
		this.container.setRecoveryInterval(Math.max(100, this.settings.heartbeatInterval().toMillis()));
		this.container.setErrorHandler((ex) -> logger.warn("wsboot cluster subscription failed", ex));
		this.container.addMessageListener(this.receiver,
				List.of(new ChannelTopic(broadcastChannel(this.settings.channelPrefix())),
						new ChannelTopic(nodeChannel(this.settings.channelPrefix(), this.settings.nodeId()))));
		this.container.afterPropertiesSet();
		subscribe();
		this.publisher.start();
		this.registry.addChangeListener(this::presenceChanged);
		long interval = this.settings.heartbeatInterval().toNanos();
		this.scheduler.scheduleWithFixedDelay(this::heartbeat, 0, interval, TimeUnit.NANOSECONDS);
		logger.info("wsboot cluster node '" + this.settings.nodeId() + "' started on channels '"
				+ this.settings.channelPrefix() + ":*'");
	}

	/**
	 * Stop: publish what is queued (for a short while), remove this node's presence and
	 * unsubscribe.
	 */
	@Override
	public void stop() {
		close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void close() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.scheduler.shutdownNow();
		this.publisher.stop(PUBLISH_DRAIN_TIMEOUT);
		try {
			this.presence.remove();
		}
		catch (RuntimeException ex) {
			logger.debug("could not remove presence of stopped node", ex);
		}
		try {
			this.container.stop();
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.debug("could not stop the subscription", ex);
		}
	}

	/**
	 * Return this node's id.
	 * @return the node id
	 */
	public String nodeId() {
		return this.settings.nodeId();
	}

	/**
	 * Return the cluster id of a session of this node, for
	 * {@link #sendToSession(String, Object)} from any node.
	 * @param session a session of this node
	 * @return the cluster session id
	 */
	public String clusterSessionId(EndpointSession session) {
		return ClusterSessionIds.of(nodeId(), session.id());
	}

	@Override
	public CompletableFuture<Void> publish(Broadcast broadcast) {
		CompletableFuture<Long> publishing;
		// local delivery and the publish queue in one order, so this node sees its own
		// broadcasts in the order the other nodes do
		synchronized (this.publishLock) {
			try {
				this.registry.deliver(broadcast);
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
			publishing = enqueue(this.broadcastChannel, broadcast.target(), broadcast.message());
		}
		return publishing.thenApply((receivers) -> null);
	}

	/**
	 * Send a message to one session of any node. Messages follow the rule of
	 * {@code WsSessions}: a {@code String} is text, bytes are binary, anything else JSON.
	 * @param clusterSessionId the session's cluster id
	 * @param message the message
	 * @return completes with {@code true} when the session is on this node and open, or
	 * when the node named in the id received the message; with {@code false} when that
	 * node is not listening or the session is not open here
	 */
	public CompletableFuture<Boolean> sendToSession(String clusterSessionId, Object message) {
		String node = ClusterSessionIds.nodeId(clusterSessionId);
		String sessionId = ClusterSessionIds.sessionId(clusterSessionId);
		PreparedMessage prepared = Messages.prepare(message, this.codec);
		if (node == null || node.equals(nodeId())) {
			return CompletableFuture.completedFuture(this.receiver.deliverToSession(sessionId, prepared));
		}
		CompletableFuture<Long> publishing;
		synchronized (this.publishLock) {
			publishing = enqueue(bytes(nodeChannel(this.settings.channelPrefix(), node)),
					new ClusterEnvelope.SessionTarget(sessionId), prepared);
		}
		return publishing.thenApply((receivers) -> receivers > 0);
	}

	/**
	 * Return the nodes whose presence has not expired, this one included once it has
	 * written its presence.
	 * @return the node ids
	 */
	public Set<String> nodes() {
		return this.presence.nodes();
	}

	/**
	 * Return the members of a group on every node, as of their last presence write.
	 * @param group the group name
	 * @return the cluster session ids
	 */
	public Set<String> members(String group) {
		return this.presence.members(group);
	}

	/**
	 * Return the number of sessions of an endpoint on every node.
	 * @param pathTemplate the endpoint's path template
	 * @return the count by node id, for the nodes that have any
	 */
	public Map<String, Long> sessionCounts(String pathTemplate) {
		return this.presence.sessionCounts(pathTemplate);
	}

	/**
	 * Return the number of sessions of an endpoint in the whole cluster.
	 * @param pathTemplate the endpoint's path template
	 * @return the total count
	 */
	public long sessionCount(String pathTemplate) {
		return sessionCounts(pathTemplate).values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Whether this node is connected: its last heartbeat succeeded, recently, and its
	 * subscription is listening. When it is not, local sessions still get every message.
	 * @return {@code true} while messages cross nodes
	 */
	public boolean isConnected() {
		long sinceHeartbeat = System.nanoTime() - this.lastHeartbeatNanos;
		return this.running && !this.heartbeatFailing
				&& sinceHeartbeat < 2 * this.settings.heartbeatInterval().toNanos() + Duration.ofSeconds(1).toNanos()
				&& this.container.isListening();
	}

	/**
	 * Return the number of messages this node published to the cluster.
	 * @return the count since start
	 */
	public long publishedMessages() {
		return this.publisher.published();
	}

	/**
	 * Return the number of messages this node received from other nodes.
	 * @return the count since start
	 */
	public long receivedMessages() {
		return this.receiver.receivedMessages();
	}

	/**
	 * Return the number of messages from other nodes that arrived a second time (a
	 * publish the Redis client retried after a reconnect) and were dropped.
	 * @return the count
	 */
	public long duplicateMessages() {
		return this.receiver.duplicateMessages();
	}

	/**
	 * Add a listener for the time from publishing a broadcast on another node to queuing
	 * it on this node's sessions; the nodes' clocks must agree for it to mean anything.
	 * @param listener the listener, called on the subscription thread
	 */
	public void addLatencyListener(Consumer<Duration> listener) {
		this.receiver.addLatencyListener(listener);
	}

	/**
	 * Number a message and queue it; under {@link #publishLock}, so that the numbers
	 * follow the publishing order that receivers rely on.
	 */
	private CompletableFuture<Long> enqueue(byte[] channel, Object target, PreparedMessage message) {
		ClusterEnvelope.Sequence sequence = new ClusterEnvelope.Sequence(this.incarnation, ++this.lastSequence);
		ClusterEnvelope envelope = new ClusterEnvelope(nodeId(), target, message, RedisReceiver.nowMicros(), sequence);
		return this.publisher.publish(channel, envelope.encode());
	}

	private static long randomNonZero() {
		long value;
		do {
			value = ThreadLocalRandom.current().nextLong();
		}
		while (value == 0);
		return value;
	}

	private void presenceChanged() {
		if (this.running && this.presenceDirty.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::writePresence, PRESENCE_WRITE_DELAY.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RuntimeException ex) {
				// stopping: the scheduler no longer takes tasks
				this.presenceDirty.set(false);
			}
		}
	}

	private void heartbeat() {
		writePresence();
		if (!this.subscribed && !this.heartbeatFailing) {
			subscribe();
		}
	}

	/**
	 * Subscribe, unless Redis is unreachable: then the heartbeat tries again once it can
	 * write. Once subscribed, the client reconnects and resubscribes by itself.
	 */
	private void subscribe() {
		try {
			this.container.start();
			this.subscribed = true;
		}
		catch (RuntimeException ex) {
			logger.debug("wsboot cluster could not subscribe yet", ex);
			this.container.stop();
		}
	}

	private void writePresence() {
		this.presenceDirty.set(false);
		try {
			this.presence.write(this.registry.sessions());
			this.lastHeartbeatNanos = System.nanoTime();
			if (this.heartbeatFailing) {
				this.heartbeatFailing = false;
				logger.info("wsboot cluster node '" + nodeId() + "' connected to Redis");
			}
		}
		catch (RuntimeException ex) {
			if (!this.heartbeatFailing) {
				logger.warn("wsboot cluster node '" + nodeId()
						+ "' lost Redis; local sessions still get every message: " + ex.getMessage());
			}
			this.heartbeatFailing = true;
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
