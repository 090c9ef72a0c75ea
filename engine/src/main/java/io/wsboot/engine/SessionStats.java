package io.wsboot.engine;

/**
 * Traffic counters of one session, kept as plain fields by its event loop and read by
 * metrics (values read from another thread may be slightly stale).
 *
 * @author wsboot
 */
public interface SessionStats {

	/**
	 * Return the size of the upgrade request head received.
	 * @return bytes
	 */
	long handshakeRequestBytes();

	/**
	 * Return the size of the 101 response sent.
	 * @return bytes
	 */
	long handshakeResponseBytes();

	/**
	 * Return the bytes received in frames: headers, masks and payloads.
	 * @return bytes
	 */
	long wireBytesIn();

	/**
	 * Return the bytes sent in frames: headers and payloads.
	 * @return bytes
	 */
	long wireBytesOut();

	/**
	 * Return the payload bytes of data frames received, as on the wire.
	 * @return bytes
	 */
	long payloadBytesIn();

	/**
	 * Return the payload bytes of data frames sent, as on the wire.
	 * @return bytes
	 */
	long payloadBytesOut();

	/**
	 * Return the bytes of data messages received as the application saw them: after
	 * decompression by an extension such as permessage-deflate, equal to
	 * {@link #payloadBytesIn()} without one.
	 * @return bytes
	 */
	default long messageBytesIn() {
		return payloadBytesIn();
	}

	/**
	 * Return the bytes of data messages sent as the application gave them: before
	 * compression by an extension, equal to {@link #payloadBytesOut()} without one.
	 * @return bytes
	 */
	default long messageBytesOut() {
		return payloadBytesOut();
	}

	/**
	 * Return the text messages received.
	 * @return count
	 */
	long textMessagesIn();

	/**
	 * Return the binary messages received.
	 * @return count
	 */
	long binaryMessagesIn();

	/**
	 * Return the text messages sent.
	 * @return count
	 */
	long textMessagesOut();

	/**
	 * Return the binary messages sent.
	 * @return count
	 */
	long binaryMessagesOut();

	/**
	 * Return the control frames (ping, pong, close) received and sent.
	 * @return count
	 */
	long controlFrames();

	/**
	 * Return the wire bytes of control frames received and sent.
	 * @return bytes
	 */
	long controlWireBytes();

	/**
	 * Return the messages discarded by the slow-consumer policy.
	 * @return count
	 */
	long droppedMessages();

	/**
	 * Return the bytes currently queued for sending.
	 * @return bytes
	 */
	long queuedBytes();

	/**
	 * Return when the session opened, in milliseconds since the epoch.
	 * @return the open time
	 */
	long openedAtMillis();

}
