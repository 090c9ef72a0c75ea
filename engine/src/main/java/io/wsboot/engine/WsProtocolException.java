package io.wsboot.engine;

import io.wsboot.engine.CloseStatus;

/**
 * A violation of RFC 6455 (or a configured limit) on an open connection; the connection
 * is failed with {@link #closeStatus()}.
 *
 * @author wsboot
 */
public class WsProtocolException extends WsException {

	private static final long serialVersionUID = 1L;

	private final transient CloseStatus closeStatus;

	/**
	 * Create an exception.
	 * @param closeStatus the status to close with (its code; the reason is the message)
	 * @param message what was received, e.g. "received control frame with 126-byte
	 * payload"
	 */
	public WsProtocolException(CloseStatus closeStatus, String message) {
		super(message);
		this.closeStatus = closeStatus;
	}

	/**
	 * Return the close status to fail the connection with; its reason is the message,
	 * shortened to fit a close frame.
	 * @return the close status
	 */
	public CloseStatus closeStatus() {
		return this.closeStatus.withReason(ReasonText.fit(getMessage()));
	}

}
