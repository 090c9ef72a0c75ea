package io.wsboot.engine;

import java.util.Map;

/**
 * A rejected opening handshake (RFC 6455 §4.2.1); the client is answered with
 * {@link #httpStatus()}, the message as a plain-text body, and the extra headers. Its
 * {@link #reason()} is what meters and logs tag it with.
 *
 * @author wsboot
 */
public class WsHandshakeException extends WsException {

	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	private final transient Map<String, String> headers;

	private final RejectionReason reason;

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
		this(RejectionReason.forStatus(httpStatus), httpStatus, message, headers);
	}

	/**
	 * Create an exception answered with the reason's usual status.
	 * @param reason why the request is refused
	 * @param message the reason, sent as the response body and logged
	 */
	public WsHandshakeException(RejectionReason reason, String message) {
		this(reason, reason.httpStatus(), message, Map.of());
	}

	/**
	 * Create an exception with a reason, a status and extra response headers.
	 * @param reason why the request is refused
	 * @param httpStatus the HTTP status to answer with
	 * @param message the reason, sent as the response body and logged
	 * @param headers extra response headers, such as {@code WWW-Authenticate} for 401
	 */
	public WsHandshakeException(RejectionReason reason, int httpStatus, String message, Map<String, String> headers) {
		super(message);
		this.reason = reason;
		this.httpStatus = httpStatus;
		this.headers = Map.copyOf(headers);
	}

	/**
	 * Return why the request is refused.
	 * @return the reason, never {@code null}
	 */
	public RejectionReason reason() {
		return this.reason;
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
