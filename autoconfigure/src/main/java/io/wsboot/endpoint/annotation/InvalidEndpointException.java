package io.wsboot.endpoint.annotation;

/**
 * A {@code @WsEndpoint} bean cannot be served: an invalid or duplicate path, a handler
 * method with a signature that cannot be called, or a bad limit. Thrown at start-up, the
 * message names the bean and the method.
 *
 * @author wsboot
 */
public class InvalidEndpointException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what is wrong, naming the bean and the method
	 */
	public InvalidEndpointException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what is wrong, naming the bean and the method
	 * @param cause the cause
	 */
	public InvalidEndpointException(String message, Throwable cause) {
		super(message, cause);
	}

}
