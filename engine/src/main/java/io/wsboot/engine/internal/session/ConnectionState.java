package io.wsboot.engine.internal.session;

/**
 * The states of an upgraded connection's close handshake (RFC 6455 §7.1).
 *
 * <pre>
 * OPEN ──close sent──────► CLOSE_SENT ─────close received──► CLOSED
 *   └───close received───► CLOSE_RECEIVED ──close sent────► CLOSED
 * (any state) ──TCP closed──► CLOSED
 * </pre>
 *
 * @author wsboot
 */
public enum ConnectionState {

	/** Data may flow both ways. */
	OPEN,

	/** We sent a close frame and wait for the peer's (RFC 6455 §7.1.2). */
	CLOSE_SENT,

	/** The peer sent a close frame and ours is on its way (RFC 6455 §5.5.1). */
	CLOSE_RECEIVED,

	/** The TCP connection is closed or about to be. */
	CLOSED;

	/**
	 * Return the state after an event, or fail on an impossible transition.
	 * @param next the state to move to
	 * @return {@code next}
	 * @throws IllegalStateException when the transition is not in the diagram
	 */
	public ConnectionState transitionTo(ConnectionState next) {
		boolean allowed = switch (this) {
			case OPEN -> next != OPEN;
			case CLOSE_SENT, CLOSE_RECEIVED -> next == CLOSED;
			case CLOSED -> false;
		};
		if (!allowed) {
			throw new IllegalStateException("connection cannot go from " + this + " to " + next);
		}
		return next;
	}

	/**
	 * Whether a data frame may still be sent (RFC 6455 §5.5.1: none after a close frame).
	 * @return {@code true} only while open
	 */
	public boolean canSend() {
		return this == OPEN;
	}

}
