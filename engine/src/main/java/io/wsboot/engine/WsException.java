package io.wsboot.engine;

/**
 * The root of the exceptions that the engine throws for a peer's misbehaviour.
 *
 * @author wsboot
 */
public class WsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what happened, naming what was received
	 */
	public WsException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what happened, naming what was received
	 * @param cause the cause
	 */
	public WsException(String message, Throwable cause) {
		super(message, cause);
	}

}
