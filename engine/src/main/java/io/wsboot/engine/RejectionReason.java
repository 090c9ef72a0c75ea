package io.wsboot.engine;

import java.util.Locale;

/**
 * Why an opening handshake was refused: a closed set, so that meters, observations and
 * logs can tag rejections without unbounded values. Each reason has the HTTP status it is
 * usually answered with; a {@link WsHandshakeException} created with a status alone gets
 * the reason of that status ({@link #forStatus(int)}).
 *
 * @author wsboot
 */
public enum RejectionReason {

	/** The request head is malformed or a header value is invalid (400). */
	BAD_REQUEST(400),

	/** No credentials, or credentials that could not be verified (401). */
	UNAUTHENTICATED(401),

	/** The client is authenticated but not allowed to open this endpoint (403). */
	FORBIDDEN(403),

	/** The {@code Origin} is not allowed (403; RFC 6455 §10.2). */
	ORIGIN_NOT_ALLOWED(403),

	/** No endpoint is mapped to the path (404). */
	NOT_FOUND(404),

	/** The method is not {@code GET} (405). */
	METHOD_NOT_ALLOWED(405),

	/** The client asked for a protocol version other than 13 (426). */
	VERSION_NOT_SUPPORTED(426),

	/** The request head is larger than the limit (431). */
	HEAD_TOO_LARGE(431),

	/** An upgrade check or the application's open callback failed (500). */
	SERVER_ERROR(500),

	/** A connection limit refused the request (503). */
	CONNECTION_LIMIT(503),

	/** The server is shutting down and takes no new sessions (503). */
	SHUTTING_DOWN(503),

	/** Any other status. */
	OTHER(400);

	private final int httpStatus;

	private final String tagValue;

	RejectionReason(int httpStatus) {
		this.httpStatus = httpStatus;
		this.tagValue = name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return the HTTP status this reason is usually answered with.
	 * @return the status code
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Return the reason in kebab case, such as {@code origin-not-allowed}, for tags and
	 * logs.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * Return the reason a rejection with the given status has when it names none.
	 * @param httpStatus the HTTP status
	 * @return the reason, {@link #OTHER} for a status no reason has
	 */
	public static RejectionReason forStatus(int httpStatus) {
		return switch (httpStatus) {
			case 400 -> BAD_REQUEST;
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 426 -> VERSION_NOT_SUPPORTED;
			case 431 -> HEAD_TOO_LARGE;
			case 500 -> SERVER_ERROR;
			case 503 -> CONNECTION_LIMIT;
			default -> OTHER;
		};
	}

}
