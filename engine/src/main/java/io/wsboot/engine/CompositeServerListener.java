package io.wsboot.engine;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls several listeners in order, keeping one failing listener from affecting the
 * others or the event loop. Built by {@link WsServerListener#composite(List)}.
 *
 * @author wsboot
 */
final class CompositeServerListener implements WsServerListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeServerListener.class);

	private final WsServerListener[] listeners;

	private CompositeServerListener(List<WsServerListener> listeners) {
		this.listeners = listeners.toArray(WsServerListener[]::new);
	}

	static WsServerListener of(List<? extends WsServerListener> listeners) {
		List<WsServerListener> flat = new ArrayList<>();
		for (WsServerListener listener : listeners) {
			if (listener instanceof CompositeServerListener composite) {
				flat.addAll(List.of(composite.listeners));
			}
			else if (listener != NONE) {
				flat.add(listener);
			}
		}
		return switch (flat.size()) {
			case 0 -> NONE;
			case 1 -> flat.get(0);
			default -> new CompositeServerListener(flat);
		};
	}

	@Override
	public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.handshakeRejected(request, rejection);
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
		logger.warn("WsServerListener {} failed", listener.getClass().getName(), ex);
	}

	@Override
	public String toString() {
		return "CompositeServerListener" + List.of(this.listeners);
	}

}
