package io.wsboot.engine;

import java.util.Map;

/**
 * A rejected opening handshake (RFC 6455 §4.2.1); the client is answered with
 * {@link #httpStatus()}, the message as a plain-text body, and the extra headers.
 *
 * @author wsboot
 */
public class WsHandshakeException extends WsException {

	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	private final transient Map<String, String> headers;

	/**
	 * Create an exception.
	 * @param httpStatus the HTTP status to answer with, such as 400 or 426
	 * @param message the reason, sent as the response body and logged
	 */
	public WsHandshakeException(int httpStatus, String message) {
		this(httpStatus, message, Map.of());
	}

	/**
	 * Create an exception with extra response headers.
	 * @param httpStatus the HTTP status to answer with
	 * @param message the reason, sent as the response body and logged
	 * @param headers extra response headers, such as {@code Sec-WebSocket-Version: 13}
	 * for 426
	 */
	public WsHandshakeException(int httpStatus, String message, Map<String, String> headers) {
		super(message);
		this.httpStatus = httpStatus;
		this.headers = Map.copyOf(headers);
	}

	/**
	 * Return the HTTP status to answer with.
	 * @return the status code
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Return the extra headers of the error response.
	 * @return the headers, never {@code null}
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

}
