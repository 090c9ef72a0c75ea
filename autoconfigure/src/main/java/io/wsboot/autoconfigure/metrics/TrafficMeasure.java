package io.wsboot.autoconfigure.metrics;

import java.util.function.ToLongFunction;

import io.wsboot.engine.SessionStats;

/**
 * The quantities summed per traffic group, each read from one session's
 * {@link SessionStats}. Every one of them only grows during a session, so their sums are
 * counters.
 */
enum TrafficMeasure {

	/** Sessions opened: each session counts once. */
	SESSIONS((session) -> 1),

	TEXT_MESSAGES_IN((session) -> session.stats().textMessagesIn()),

	BINARY_MESSAGES_IN((session) -> session.stats().binaryMessagesIn()),

	TEXT_MESSAGES_OUT((session) -> session.stats().textMessagesOut()),

	BINARY_MESSAGES_OUT((session) -> session.stats().binaryMessagesOut()),

	WIRE_BYTES_IN((session) -> session.stats().wireBytesIn()),

	WIRE_BYTES_OUT((session) -> session.stats().wireBytesOut()),

	PAYLOAD_BYTES_IN((session) -> session.stats().payloadBytesIn()),

	PAYLOAD_BYTES_OUT((session) -> session.stats().payloadBytesOut()),

	MESSAGE_BYTES_IN((session) -> session.stats().messageBytesIn()),

	MESSAGE_BYTES_OUT((session) -> session.stats().messageBytesOut()),

	HANDSHAKE_BYTES_IN((session) -> session.stats().handshakeRequestBytes()),

	HANDSHAKE_BYTES_OUT((session) -> session.stats().handshakeResponseBytes()),

	CONTROL_FRAMES((session) -> session.stats().controlFrames()),

	CONTROL_WIRE_BYTES((session) -> session.stats().controlWireBytes()),

	DROPPED_MESSAGES((session) -> session.stats().droppedMessages()),

	/**
	 * What polling would have sent: per message, one request head and one response head,
	 * plus the same payload bytes.
	 */
	HTTP_EQUIVALENT_BYTES((session) -> {
		SessionStats stats = session.stats();
		long messages = stats.textMessagesIn() + stats.binaryMessagesIn() + stats.textMessagesOut()
				+ stats.binaryMessagesOut();
		return messages * session.pollingOverheadBytes() + stats.payloadBytesIn() + stats.payloadBytesOut();
	}),

	/** What the connection really sent and received: handshake and every frame. */
	ACTUAL_BYTES((session) -> {
		SessionStats stats = session.stats();
		return stats.handshakeRequestBytes() + stats.handshakeResponseBytes() + stats.wireBytesIn()
				+ stats.wireBytesOut();
	});

	/** The measures, indexed by ordinal. */
	static final TrafficMeasure[] ALL = values();

	private final ToLongFunction<TrackedSession> function;

	TrafficMeasure(ToLongFunction<TrackedSession> function) {
		this.function = function;
	}

	long of(TrackedSession session) {
		return this.function.applyAsLong(session);
	}

}
