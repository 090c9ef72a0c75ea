package io.wsboot.engine;

import java.nio.ByteBuffer;

/**
 * Receives the events of the connections of one endpoint. The engine calls one session's
 * methods one at a time, in the order the frames arrived, on an event-loop thread: an
 * implementation must not block, or must hand work to another thread.
 *
 * @author wsboot
 */
public interface WsHandler {

	/**
	 * Called once the 101 response has been queued; it is written when this returns,
	 * unless the handler holds it back with {@link WsSession#deferOpen} while it sets the
	 * session up on another thread.
	 * @param session the new session
	 */
	default void onOpen(WsSession session) {
	}

	/**
	 * Called for each complete, valid UTF-8 text message.
	 * @param session the session
	 * @param text the message
	 */
	default void onText(WsSession session, String text) {
	}

	/**
	 * Called for each complete binary message.
	 * @param session the session
	 * @param data the message, owned by the handler unless
	 * {@link #borrowsBinaryMessages()} says otherwise
	 */
	default void onBinary(WsSession session, ByteBuffer data) {
	}

	/**
	 * Whether {@link #onBinary} may be given a buffer that is valid only during the call,
	 * so that a message that arrived whole in one read is handed over as a view of the
	 * event loop's read buffer, unmasked in place, instead of a new array per message.
	 * Off by default.
	 * <p>
	 * A handler that returns {@code true} must not keep the buffer, nor a view of it,
	 * after {@code onBinary} returns, nor hand it to another thread: it copies what it
	 * wants to keep. Passing the buffer itself to {@link WsSession#sendBinary} during the
	 * call is allowed, to any session: the engine writes it without a copy when the
	 * session is served by the same event loop and copies it otherwise. Any other direct
	 * buffer sent during the call is copied, since it might be a view of the borrowed
	 * one. Messages that arrive in pieces, or compressed, are still delivered in buffers
	 * the handler owns.
	 * @return {@code true} to receive borrowed buffers
	 */
	default boolean borrowsBinaryMessages() {
		return false;
	}

	/**
	 * Called once the messages of one read have been handed over: the frames that arrived
	 * together, before the event loop serves another connection. A handler that passes
	 * messages to another thread can queue them as they come and hand the queue over
	 * here, once per batch rather than once per message.
	 * @param session the session
	 */
	default void onReadComplete(WsSession session) {
	}

	/**
	 * Called for each pong received, solicited or not (RFC 6455 §5.5.3).
	 * @param session the session
	 * @param payload the pong's application data, owned by the handler
	 */
	default void onPong(WsSession session, ByteBuffer payload) {
	}

	/**
	 * Called once when the connection is closed, whoever started it; after it no other
	 * method is called for the session.
	 * @param session the session
	 * @param status the close status received, sent, or 1006 when the TCP connection
	 * ended without a close handshake
	 */
	default void onClose(WsSession session, CloseStatus status) {
	}

	/**
	 * Called when a protocol error fails the connection or a handler method threw; the
	 * connection is closed after it. A handler that handles messages on another thread
	 * may hold back the close frame of a protocol error with
	 * {@link WsSession#deferFailure} until the messages received before are answered.
	 * @param session the session
	 * @param error the error
	 */
	default void onError(WsSession session, Throwable error) {
	}

}
