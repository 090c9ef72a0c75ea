package io.wsboot.engine;

/**
 * Told about every frame of one session, received or sent, for a traffic log. A
 * {@link WsServerListener} hands one out per session from
 * {@link WsServerListener#frameListener(WsSession)}; sessions without one cost nothing.
 * Called on the session's event loop: implementations must be fast and must not throw.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface FrameListener {

	/** Default number of payload bytes copied into a summary. */
	int DEFAULT_PAYLOAD_HEAD_BYTES = 32;

	/**
	 * Called when a frame was received completely, before it is acted upon, or written
	 * completely to the socket.
	 * @param session the session
	 * @param frame the frame
	 */
	void frame(WsSession session, FrameSummary frame);

	/**
	 * Return how many of a payload's first bytes each summary carries.
	 * @return the number of bytes, {@value #DEFAULT_PAYLOAD_HEAD_BYTES} unless overridden
	 */
	default int payloadHeadBytes() {
		return DEFAULT_PAYLOAD_HEAD_BYTES;
	}

}
