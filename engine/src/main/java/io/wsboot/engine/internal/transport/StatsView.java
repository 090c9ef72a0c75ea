package io.wsboot.engine.internal.transport;

import io.wsboot.engine.SessionStats;

/**
 * The live statistics of a session that has no traffic counters yet: it reads the
 * handshake's figures from the connection, zero for the traffic, and the counters
 * themselves once the first frame has created them. Metrics poll every session, so that
 * handing out a short-lived view, rather than creating the counters, keeps an idle
 * session free of them.
 *
 * @author wsboot
 */
final class StatsView implements SessionStats {

	private final Connection connection;

	StatsView(Connection connection) {
		this.connection = connection;
	}

	@Override
	public long handshakeRequestBytes() {
		return this.connection.handshakeRequestBytes();
	}

	@Override
	public long handshakeResponseBytes() {
		return this.connection.handshakeResponseBytes();
	}

	@Override
	public long wireBytesIn() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.wireBytesIn() : 0;
	}

	@Override
	public long wireBytesOut() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.wireBytesOut() : 0;
	}

	@Override
	public long payloadBytesIn() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.payloadBytesIn() : 0;
	}

	@Override
	public long payloadBytesOut() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.payloadBytesOut() : 0;
	}

	@Override
	public long messageBytesIn() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.messageBytesIn() : 0;
	}

	@Override
	public long messageBytesOut() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.messageBytesOut() : 0;
	}

	@Override
	public long textMessagesIn() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.textMessagesIn() : 0;
	}

	@Override
	public long binaryMessagesIn() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.binaryMessagesIn() : 0;
	}

	@Override
	public long textMessagesOut() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.textMessagesOut() : 0;
	}

	@Override
	public long binaryMessagesOut() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.binaryMessagesOut() : 0;
	}

	@Override
	public long controlFrames() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.controlFrames() : 0;
	}

	@Override
	public long controlWireBytes() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.controlWireBytes() : 0;
	}

	@Override
	public long droppedMessages() {
		ConnectionStats counters = this.connection.countersIfCreated();
		return (counters != null) ? counters.droppedMessages() : 0;
	}

	@Override
	public long queuedBytes() {
		return this.connection.queuedBytes();
	}

	@Override
	public long openedAtMillis() {
		return this.connection.openedAtMillis();
	}

}
