package io.wsboot.engine.internal.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.wsboot.engine.SessionStats;

/**
 * The traffic counters of one session. Plain volatile fields written only by the
 * connection's event loop (one writer, so {@code ++} is safe), read by metrics on any
 * thread; drops may be counted by any sending thread and are added atomically. A
 * connection creates them on its first frame, so that an idle connection keeps none of
 * its 16 counters (a {@link StatsView} stands in until then); the handshake's figures,
 * known before, are handed over then.
 */
final class ConnectionStats implements SessionStats {

	private static final VarHandle DROPPED_MESSAGES;

	static {
		try {
			DROPPED_MESSAGES = MethodHandles.lookup()
				.findVarHandle(ConnectionStats.class, "droppedMessages", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final FrameQueue queue;

	/**
	 * Updated with {@link #DROPPED_MESSAGES}, without an atomic object per connection.
	 */
	private volatile long droppedMessages;

	private final long handshakeRequestBytes;

	private final long handshakeResponseBytes;

	private final long openedAtMillis;

	volatile long wireBytesIn;

	volatile long wireBytesOut;

	volatile long payloadBytesIn;

	volatile long payloadBytesOut;

	volatile long messageBytesIn;

	volatile long messageBytesOut;

	volatile long textMessagesIn;

	volatile long binaryMessagesIn;

	volatile long textMessagesOut;

	volatile long binaryMessagesOut;

	volatile long controlFrames;

	volatile long controlWireBytes;

	/**
	 * Create the counters of a session that is open.
	 * @param queue the session's outbound queue, for {@link #queuedBytes()}
	 * @param handshakeRequestBytes the size of the upgrade request head
	 * @param handshakeResponseBytes the size of the 101 response
	 * @param openedAtMillis when the session opened, in epoch milliseconds
	 */
	ConnectionStats(FrameQueue queue, long handshakeRequestBytes, long handshakeResponseBytes, long openedAtMillis) {
		this.queue = queue;
		this.handshakeRequestBytes = handshakeRequestBytes;
		this.handshakeResponseBytes = handshakeResponseBytes;
		this.openedAtMillis = openedAtMillis;
	}

	void controlFrameReceived(long wireBytes) {
		this.controlFrames++;
		this.controlWireBytes += wireBytes;
	}

	void messageDropped() {
		DROPPED_MESSAGES.getAndAdd(this, 1L);
	}

	/**
	 * Count a frame that was written completely.
	 */
	void sent(QueuedFrame frame) {
		switch (frame.kind) {
			case DATA -> {
				this.wireBytesOut += frame.bytes();
				this.payloadBytesOut += frame.payloadBytes;
				this.messageBytesOut += frame.messageBytes;
				if (frame.text) {
					this.textMessagesOut++;
				}
				else {
					this.binaryMessagesOut++;
				}
			}
			case CONTROL, PONG, CLOSE -> {
				this.wireBytesOut += frame.bytes();
				this.controlFrames++;
				this.controlWireBytes += frame.bytes();
			}
			case HANDSHAKE -> {
				// counted once, when the response was built
			}
		}
	}

	@Override
	public long handshakeRequestBytes() {
		return this.handshakeRequestBytes;
	}

	@Override
	public long handshakeResponseBytes() {
		return this.handshakeResponseBytes;
	}

	@Override
	public long wireBytesIn() {
		return this.wireBytesIn;
	}

	@Override
	public long wireBytesOut() {
		return this.wireBytesOut;
	}

	@Override
	public long payloadBytesIn() {
		return this.payloadBytesIn;
	}

	@Override
	public long payloadBytesOut() {
		return this.payloadBytesOut;
	}

	@Override
	public long messageBytesIn() {
		return this.messageBytesIn;
	}

	@Override
	public long messageBytesOut() {
		return this.messageBytesOut;
	}

	@Override
	public long textMessagesIn() {
		return this.textMessagesIn;
	}

	@Override
	public long binaryMessagesIn() {
		return this.binaryMessagesIn;
	}

	@Override
	public long textMessagesOut() {
		return this.textMessagesOut;
	}

	@Override
	public long binaryMessagesOut() {
		return this.binaryMessagesOut;
	}

	@Override
	public long controlFrames() {
		return this.controlFrames;
	}

	@Override
	public long controlWireBytes() {
		return this.controlWireBytes;
	}

	@Override
	public long droppedMessages() {
		return this.droppedMessages;
	}

	@Override
	public long queuedBytes() {
		return this.queue.queuedBytes();
	}

	@Override
	public long openedAtMillis() {
		return this.openedAtMillis;
	}

}
