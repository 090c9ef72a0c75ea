package io.wsboot.engine;

import java.net.InetSocketAddress;
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
	public void handshakeStarted(HandshakeRequest request) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.handshakeStarted(request);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
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
	public void connectionRefused(ConnectionRefusal reason, InetSocketAddress remoteAddress) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.connectionRefused(reason, remoteAddress);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public void messageRateExceeded(WsSession session, MessageRatePolicy policy) {
		for (WsServerListener listener : this.listeners) {
			try {
				listener.messageRateExceeded(session, policy);
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
	}

	@Override
	public @Nullable FrameListener frameListener(WsSession session) {
		List<FrameListener> frameListeners = new ArrayList<>(1);
		for (WsServerListener listener : this.listeners) {
			try {
				FrameListener frameListener = listener.frameListener(session);
				if (frameListener != null) {
					frameListeners.add(frameListener);
				}
			}
			catch (RuntimeException ex) {
				failed(listener, ex);
			}
		}
		return switch (frameListeners.size()) {
			case 0 -> null;
			case 1 -> frameListeners.get(0);
			default -> new CompositeFrameListener(frameListeners.toArray(FrameListener[]::new));
		};
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

	/**
	 * Several frame listeners of one session; each summary carries as many bytes as the
	 * most demanding one asks for.
	 */
	private record CompositeFrameListener(FrameListener[] frameListeners) implements FrameListener {

		@Override
		public void frame(WsSession session, FrameSummary frame) {
			for (FrameListener listener : this.frameListeners) {
				try {
					listener.frame(session, frame);
				}
				catch (RuntimeException ex) {
					logger.warn("FrameListener {} failed", listener.getClass().getName(), ex);
				}
			}
		}

		@Override
		public int payloadHeadBytes() {
			int bytes = 0;
			for (FrameListener listener : this.frameListeners) {
				bytes = Math.max(bytes, listener.payloadHeadBytes());
			}
			return bytes;
		}

	}

	@Override
	public String toString() {
		return "CompositeServerListener" + List.of(this.listeners);
	}

}
