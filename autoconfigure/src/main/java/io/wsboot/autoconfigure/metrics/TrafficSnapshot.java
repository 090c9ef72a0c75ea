package io.wsboot.autoconfigure.metrics;

import java.util.Arrays;

/**
 * The traffic counters of a group of sessions at one moment, and the bytes saved compared
 * with HTTP polling that follow from them.
 *
 * <p>
 * The model: polling would have sent, for every message, one request head and one
 * response head ({@link PollingModel}) plus the same payload. WebSocket really sent the
 * opening handshake and every frame, data and control. So
 * {@code saved = httpEquivalent - actual}, which is negative for a short session whose
 * handshake outweighs its messages.
 *
 * @author wsboot
 */
public final class TrafficSnapshot {

	/** A snapshot of no traffic at all. */
	public static final TrafficSnapshot EMPTY = new TrafficSnapshot(new long[TrafficMeasure.ALL.length], 0, 0);

	private final long[] values;

	private final int activeSessions;

	private final long queuedBytes;

	TrafficSnapshot(long[] values, int activeSessions, long queuedBytes) {
		this.values = values;
		this.activeSessions = activeSessions;
		this.queuedBytes = queuedBytes;
	}

	private long get(TrafficMeasure measure) {
		return this.values[measure.ordinal()];
	}

	/**
	 * Return the sum of this snapshot and another.
	 * @param other the other snapshot
	 * @return the sum
	 */
	public TrafficSnapshot plus(TrafficSnapshot other) {
		long[] sum = Arrays.copyOf(this.values, this.values.length);
		for (int i = 0; i < sum.length; i++) {
			sum[i] += other.values[i];
		}
		return new TrafficSnapshot(sum, this.activeSessions + other.activeSessions,
				this.queuedBytes + other.queuedBytes);
	}

	/**
	 * Return the sessions opened, open or closed.
	 * @return count
	 */
	public long sessionsOpened() {
		return get(TrafficMeasure.SESSIONS);
	}

	/**
	 * Return the sessions open now.
	 * @return count
	 */
	public int activeSessions() {
		return this.activeSessions;
	}

	/**
	 * Return the data messages received.
	 * @return count
	 */
	public long messagesIn() {
		return get(TrafficMeasure.TEXT_MESSAGES_IN) + get(TrafficMeasure.BINARY_MESSAGES_IN);
	}

	/**
	 * Return the data messages sent.
	 * @return count
	 */
	public long messagesOut() {
		return get(TrafficMeasure.TEXT_MESSAGES_OUT) + get(TrafficMeasure.BINARY_MESSAGES_OUT);
	}

	/**
	 * Return the bytes received in frames.
	 * @return bytes
	 */
	public long wireBytesIn() {
		return get(TrafficMeasure.WIRE_BYTES_IN);
	}

	/**
	 * Return the bytes sent in frames.
	 * @return bytes
	 */
	public long wireBytesOut() {
		return get(TrafficMeasure.WIRE_BYTES_OUT);
	}

	/**
	 * Return the payload bytes of the data frames received, as on the wire.
	 * @return bytes
	 */
	public long payloadBytesIn() {
		return get(TrafficMeasure.PAYLOAD_BYTES_IN);
	}

	/**
	 * Return the payload bytes of the data frames sent, as on the wire.
	 * @return bytes
	 */
	public long payloadBytesOut() {
		return get(TrafficMeasure.PAYLOAD_BYTES_OUT);
	}

	/**
	 * Return the bytes of the messages received as the application saw them.
	 * @return bytes
	 */
	public long messageBytesIn() {
		return get(TrafficMeasure.MESSAGE_BYTES_IN);
	}

	/**
	 * Return the bytes of the messages sent as the application gave them.
	 * @return bytes
	 */
	public long messageBytesOut() {
		return get(TrafficMeasure.MESSAGE_BYTES_OUT);
	}

	/**
	 * Return the bytes of the upgrade request heads received.
	 * @return bytes
	 */
	public long handshakeBytesIn() {
		return get(TrafficMeasure.HANDSHAKE_BYTES_IN);
	}

	/**
	 * Return the bytes of the 101 responses sent.
	 * @return bytes
	 */
	public long handshakeBytesOut() {
		return get(TrafficMeasure.HANDSHAKE_BYTES_OUT);
	}

	/**
	 * Return the control frames received and sent.
	 * @return count
	 */
	public long controlFrames() {
		return get(TrafficMeasure.CONTROL_FRAMES);
	}

	/**
	 * Return the wire bytes of the control frames received and sent.
	 * @return bytes
	 */
	public long controlWireBytes() {
		return get(TrafficMeasure.CONTROL_WIRE_BYTES);
	}

	/**
	 * Return the messages discarded by the slow-consumer policy.
	 * @return count
	 */
	public long droppedMessages() {
		return get(TrafficMeasure.DROPPED_MESSAGES);
	}

	/**
	 * Return the bytes queued for sending on the open sessions.
	 * @return bytes
	 */
	public long queuedBytes() {
		return this.queuedBytes;
	}

	/**
	 * Return the bytes that HTTP polling would have sent and received for the same
	 * messages.
	 * @return bytes
	 */
	public long httpEquivalentBytes() {
		return get(TrafficMeasure.HTTP_EQUIVALENT_BYTES);
	}

	/**
	 * Return the bytes really sent and received: handshakes and frames.
	 * @return bytes
	 */
	public long actualBytes() {
		return get(TrafficMeasure.ACTUAL_BYTES);
	}

	/**
	 * Return the bytes saved compared with HTTP polling; negative when WebSocket cost
	 * more.
	 * @return bytes
	 */
	public long savedBytes() {
		return httpEquivalentBytes() - actualBytes();
	}

	/**
	 * Return the share of the HTTP-polling bytes saved, {@code saved / httpEquivalent}.
	 * @return the ratio, 0 before any traffic, negative when WebSocket cost more
	 */
	public double savedRatio() {
		long equivalent = httpEquivalentBytes();
		return (equivalent != 0) ? (double) savedBytes() / equivalent : 0.0;
	}

	/**
	 * Return the bytes that compression saved: message bytes less payload bytes, both
	 * directions. Counted apart from the framing saving; negative when compression grew
	 * the data.
	 * @return bytes
	 */
	public long compressionSavedBytes() {
		return messageBytesIn() + messageBytesOut() - payloadBytesIn() - payloadBytesOut();
	}

}
