package io.wsboot.engine.internal.transport;

import java.util.function.ToLongFunction;

import io.wsboot.engine.SessionStats;

/**
 * The live statistics of a session that has no traffic counters yet: it reads the
 * handshake's figures from the session, zero for the traffic, and the counters themselves
 * once the first frame has created them. Metrics poll every session, so that handing out
 * a short-lived view, rather than creating the counters, keeps an idle session free of
 * them.
 *
 * @author wsboot
 */
final class StatsView implements SessionStats {

	private final Session session;

	StatsView(Session session) {
		this.session = session;
	}

	/** Read a counter, 0 while the session has none. */
	private long count(ToLongFunction<ConnectionStats> counter) {
		ConnectionStats counters = this.session.countersIfCreated();
		return (counters != null) ? counter.applyAsLong(counters) : 0;
	}

	@Override
	public long handshakeRequestBytes() {
		return this.session.handshakeRequestBytes();
	}

	@Override
	public long handshakeResponseBytes() {
		return this.session.handshakeResponseBytes();
	}

	@Override
	public long wireBytesIn() {
		return count(ConnectionStats::wireBytesIn);
	}

	@Override
	public long wireBytesOut() {
		return count(ConnectionStats::wireBytesOut);
	}

	@Override
	public long payloadBytesIn() {
		return count(ConnectionStats::payloadBytesIn);
	}

	@Override
	public long payloadBytesOut() {
		return count(ConnectionStats::payloadBytesOut);
	}

	@Override
	public long messageBytesIn() {
		return count(ConnectionStats::messageBytesIn);
	}

	@Override
	public long messageBytesOut() {
		return count(ConnectionStats::messageBytesOut);
	}

	@Override
	public long textMessagesIn() {
		return count(ConnectionStats::textMessagesIn);
	}

	@Override
	public long binaryMessagesIn() {
		return count(ConnectionStats::binaryMessagesIn);
	}

	@Override
	public long textMessagesOut() {
		return count(ConnectionStats::textMessagesOut);
	}

	@Override
	public long binaryMessagesOut() {
		return count(ConnectionStats::binaryMessagesOut);
	}

	@Override
	public long controlFrames() {
		return count(ConnectionStats::controlFrames);
	}

	@Override
	public long controlWireBytes() {
		return count(ConnectionStats::controlWireBytes);
	}

	@Override
	public long droppedMessages() {
		return count(ConnectionStats::droppedMessages);
	}

	@Override
	public long queuedBytes() {
		return this.session.queuedBytes();
	}

	@Override
	public long openedAtMillis() {
		return this.session.openedAtMillis();
	}

}
