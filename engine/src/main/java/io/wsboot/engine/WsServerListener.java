package io.wsboot.engine;

import java.net.InetSocketAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Observes the lifecycle of a server's connections, for metrics and logs. Called on
 * event-loop threads: implementations must be fast and must not throw.
 *
 * @author wsboot
 */
public interface WsServerListener {

	/** A listener that does nothing. */
	WsServerListener NONE = new WsServerListener() {
	};

	/**
	 * Return one listener that calls the given ones in order; one that throws is logged
	 * and the others are still called. Composites are flattened and {@link #NONE} is left
	 * out.
	 * @param listeners the listeners
	 * @return the composite, {@link #NONE} when there is none, or the only one
	 */
	static WsServerListener composite(List<? extends WsServerListener> listeners) {
		return CompositeServerListener.of(listeners);
	}

	/**
	 * Called when the head of an upgrade request has been read, before it is validated,
	 * routed and checked: the start of an opening handshake, for observations that time
	 * it. Later, on the same event-loop thread, either {@link #handshakeRejected} is
	 * called with this same request instance, or {@link #sessionOpened} with a session
	 * whose {@link WsSession#handshakeRequest()} returns it (unless the server fails
	 * unexpectedly or the connection is lost first). That call follows at once, before
	 * the next request is read, unless the handler defers the open. Requests whose head
	 * cannot be parsed are rejected without this call.
	 * @param request the request
	 */
	default void handshakeStarted(HandshakeRequest request) {
	}

	/**
	 * Called when an upgrade request is answered with an error status.
	 * @param request the request, or {@code null} when its head could not be parsed
	 * @param rejection the status sent ({@link WsHandshakeException#httpStatus()}), the
	 * body ({@link WsHandshakeException#getMessage()}) and the bounded
	 * {@link WsHandshakeException#reason() reason}
	 */
	default void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
	}

	/**
	 * Called when a TCP connection is closed before any HTTP answer could be sent to it.
	 * @param reason why, from a closed set
	 * @param remoteAddress the peer, or the client's address when a PROXY header gave it
	 */
	default void connectionRefused(ConnectionRefusal reason, InetSocketAddress remoteAddress) {
	}

	/**
	 * Called when a client's data message arrives over its session's message rate
	 * ({@link WsLimits#maxMessagesPerSecond()}).
	 * @param session the session
	 * @param policy what was done: the session closed with 1008, or the message dropped
	 */
	default void messageRateExceeded(WsSession session, MessageRatePolicy policy) {
	}

	/**
	 * Return the listener of one session's frames, asked once when the session opens,
	 * before the handler's {@code onOpen} and {@link #sessionOpened}. Only sessions that
	 * get one pay for the frame summaries.
	 * @param session the session
	 * @return the frame listener, or {@code null} (the default) for none
	 */
	default @Nullable FrameListener frameListener(WsSession session) {
		return null;
	}

	/**
	 * Called when a session opened, before the handler's {@code onOpen}.
	 * @param session the session
	 */
	default void sessionOpened(WsSession session) {
	}

	/**
	 * Called once when a session closed, after the handler's {@code onClose}; its stats
	 * are final.
	 * @param session the session
	 * @param status the close status
	 * @param initiator who started the close
	 */
	default void sessionClosed(WsSession session, CloseStatus status, CloseInitiator initiator) {
	}

}
