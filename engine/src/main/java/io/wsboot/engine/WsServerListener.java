package io.wsboot.engine;

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
	 * Called when an upgrade request is answered with an error status.
	 * @param request the request, or {@code null} when its head could not be parsed
	 * @param rejection the status sent ({@link WsHandshakeException#httpStatus()}), the
	 * body ({@link WsHandshakeException#getMessage()}) and the bounded
	 * {@link WsHandshakeException#reason() reason}
	 */
	default void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
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
