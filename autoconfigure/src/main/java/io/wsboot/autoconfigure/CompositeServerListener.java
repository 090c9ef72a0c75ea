package io.wsboot.autoconfigure;

import java.util.List;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls every {@link WsServerListener} bean in order, keeping one failing listener from
 * affecting the others or the event loop.
 *
 * @author wsboot
 */
final class CompositeServerListener implements WsServerListener {

	private static final Log logger = LogFactory.getLog(CompositeServerListener.class);

	private final List<WsServerListener> listeners;

	CompositeServerListener(List<WsServerListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void handshakeRejected(@Nullable HandshakeRequest request, int httpStatus, String reason) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.handshakeRejected(request, httpStatus, reason);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void sessionOpened(WsSession session) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.sessionOpened(session);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void sessionClosed(WsSession session, CloseStatus status, CloseInitiator initiator) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.sessionClosed(session, status, initiator);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	private static void failed(WsServerListener listener, RuntimeException ex) {
		logger.warn("WsServerListener " + listener.getClass().getName() + " failed", ex);
	}

}
