package io.wsboot.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.engine.PreparedMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * The receiving side of a {@link RedisCluster} node: decodes what other nodes publish,
 * drops this node's own broadcasts (delivered locally when they were made) and messages
 * that arrive a second time, and delivers the rest to this node's sessions. Messages come
 * one after the other on the subscription's thread, so they are delivered in the order
 * Redis relays them.
 *
 * @author wsboot
 */
final class RedisReceiver implements MessageListener {

	// the cluster's category, which users already configure
	private static final Log logger = LogFactory.getLog(RedisCluster.class);

	private final String nodeId;

	private final SessionRegistry registry;

	private final DuplicateFilter duplicateFilter = new DuplicateFilter();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong duplicates = new AtomicLong();

	private final List<Consumer<Duration>> latencyListeners = new CopyOnWriteArrayList<>();

	RedisReceiver(String nodeId, SessionRegistry registry) {
		this.nodeId = nodeId;
		this.registry = registry;
	}

	@Override
	public void onMessage(Message message, byte @Nullable [] pattern) {
		try {
			received(message.getBody());
		}
		catch (RuntimeException ex) {
			logger.warn("wsboot cluster could not deliver a message", ex);
		}
	}

	private void received(byte[] body) {
		ClusterEnvelope envelope;
		try {
			envelope = ClusterEnvelope.decode(body);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("wsboot cluster ignored a malformed message: " + ex.getMessage());
			return;
		}
		if (envelope.nodeId().equals(this.nodeId) && !(envelope.target() instanceof ClusterEnvelope.SessionTarget)) {
			// our own broadcast, delivered locally when it was published
			return;
		}
		if (!this.duplicateFilter.firstTime(envelope.nodeId(), envelope.sequence())) {
			this.duplicates.incrementAndGet();
			logger.debug("wsboot cluster dropped a repeated message " + envelope.sequence().number() + " from node '"
					+ envelope.nodeId() + "'");
			return;
		}
		this.received.incrementAndGet();
		if (envelope.target() instanceof ClusterEnvelope.SessionTarget session) {
			deliverToSession(session.sessionId(), envelope.message());
			return;
		}
		this.registry.deliver(new Broadcast((BroadcastTarget) envelope.target(), envelope.message()));
		if (!this.latencyListeners.isEmpty()) {
			Duration latency = Duration.of(Math.max(0, nowMicros() - envelope.publishedAtMicros()), ChronoUnit.MICROS);
			this.latencyListeners.forEach((listener) -> listener.accept(latency));
		}
	}

	/**
	 * Send a message to a session of this node.
	 * @param sessionId the session's local id
	 * @param message the message
	 * @return whether the session is here and open
	 */
	boolean deliverToSession(String sessionId, PreparedMessage message) {
		EndpointSession session = this.registry.find(sessionId);
		if (session == null || !session.isOpen()) {
			return false;
		}
		session.unwrap().send(message);
		return true;
	}

	long receivedMessages() {
		return this.received.get();
	}

	long duplicateMessages() {
		return this.duplicates.get();
	}

	void addLatencyListener(Consumer<Duration> listener) {
		this.latencyListeners.add(listener);
	}

	/**
	 * Return the time now as the envelopes carry it; the nodes' clocks must agree for
	 * latencies to mean anything.
	 * @return microseconds since the epoch
	 */
	static long nowMicros() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
	}

}
