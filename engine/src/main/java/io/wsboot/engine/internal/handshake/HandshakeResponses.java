package io.wsboot.engine.internal.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.wsboot.engine.WsHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Writes the server's answers to an upgrade request: the 101 that opens the WebSocket
 * connection (RFC 6455 §4.2.2) and the plain-text errors that refuse it (§4.2.1, §4.4).
 *
 * <p>
 * Every buffer returned is a new heap buffer positioned at its first byte.
 *
 * @author wsboot
 */
public final class HandshakeResponses {

	private static final String CRLF = "\r\n";

	/** Headers every error response writes itself and a caller may not add. */
	private static final Set<String> RESERVED_ERROR_HEADERS = Set.of("content-type", "content-length", "connection");

	/**
	 * The 101 response up to the accept value: RFC 6455 §4.2.2 step 5 requires Upgrade,
	 * Connection and Sec-WebSocket-Accept.
	 */
	private static final byte[] SWITCHING_PROTOCOLS_HEAD = ("HTTP/1.1 101 Switching Protocols" + CRLF
			+ "Upgrade: websocket" + CRLF + "Connection: Upgrade" + CRLF + "Sec-WebSocket-Accept: ")
		.getBytes(StandardCharsets.US_ASCII);

	/** The end of the accept line and of the head. */
	private static final byte[] END_OF_HEAD = (CRLF + CRLF).getBytes(StandardCharsets.US_ASCII);

	private HandshakeResponses() {
	}

	/**
	 * Write the response that accepts the upgrade.
	 * @param acceptKey the {@code Sec-WebSocket-Accept} value, see {@link AcceptKey}
	 * @param subprotocol the selected subprotocol, or {@code null} for none
	 * @param extensionElements the accepted extensions, one response element each (such
	 * as {@code permessage-deflate; server_no_context_takeover}); empty for none
	 * @return the response head in US-ASCII
	 * @throws IllegalArgumentException when a value is not ASCII text that fits in a
	 * header, or the subprotocol is not a token
	 */
	public static ByteBuffer switchingProtocols(String acceptKey, @Nullable String subprotocol,
			List<String> extensionElements) {
		requireHeaderText("Sec-WebSocket-Accept", acceptKey);
		if (subprotocol == null && extensionElements.isEmpty()) {
			// the usual answer: a constant head around the accept value, written as
			// bytes without a StringBuilder and its copies
			byte[] response = new byte[SWITCHING_PROTOCOLS_HEAD.length + acceptKey.length() + END_OF_HEAD.length];
			System.arraycopy(SWITCHING_PROTOCOLS_HEAD, 0, response, 0, SWITCHING_PROTOCOLS_HEAD.length);
			int at = SWITCHING_PROTOCOLS_HEAD.length;
			for (int i = 0; i < acceptKey.length(); i++) {
				response[at++] = (byte) acceptKey.charAt(i);
			}
			System.arraycopy(END_OF_HEAD, 0, response, at, END_OF_HEAD.length);
			return ByteBuffer.wrap(response);
		}
		StringBuilder response = new StringBuilder(192);
		response.append("HTTP/1.1 101 Switching Protocols").append(CRLF);
		// RFC 6455 §4.2.2 step 5: Upgrade, Connection and Sec-WebSocket-Accept are
		// required
		response.append("Upgrade: websocket").append(CRLF);
		response.append("Connection: Upgrade").append(CRLF);
		response.append("Sec-WebSocket-Accept: ").append(acceptKey).append(CRLF);
		if (subprotocol != null) {
			// RFC 6455 §4.3: a subprotocol is a token; at most one is selected
			if (!HttpSyntax.isToken(subprotocol)) {
				throw new IllegalArgumentException(
						"subprotocol must be a token but was " + HttpSyntax.quote(subprotocol));
			}
			response.append("Sec-WebSocket-Protocol: ").append(subprotocol).append(CRLF);
		}
		if (!extensionElements.isEmpty()) {
			for (String element : extensionElements) {
				requireHeaderText("Sec-WebSocket-Extensions", element);
			}
			response.append("Sec-WebSocket-Extensions: ").append(String.join(", ", extensionElements)).append(CRLF);
		}
		response.append(CRLF);
		return ByteBuffer.wrap(response.toString().getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Write the response of a rejected handshake.
	 * @param exception the rejection
	 * @return the response, head and body
	 * @see #error(int, String, Map)
	 */
	public static ByteBuffer error(WsHandshakeException exception) {
		return error(exception.httpStatus(), Objects.requireNonNullElse(exception.getMessage(), ""),
				exception.headers());
	}

	/**
	 * Write an error response that closes the connection: the status line with the
	 * standard reason phrase, {@code Content-Type: text/plain; charset=utf-8},
	 * {@code Content-Length}, {@code Connection: close}, the extra headers sorted by
	 * name, and the reason plus a line feed as the body. Control characters in the reason
	 * become spaces, so it cannot end the body line or add headers.
	 * @param status the HTTP status, 400 to 599
	 * @param reason why, sent as the body
	 * @param headers extra headers, such as {@code Allow} or
	 * {@code Sec-WebSocket-Version}
	 * @return the response, head in US-ASCII and body in UTF-8
	 * @throws IllegalArgumentException when the status is not an error, a header name is
	 * not a token or is one that this method writes itself
	 */
	public static ByteBuffer error(int status, String reason, Map<String, String> headers) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("error status must be between 400 and 599 but was " + status);
		}
		byte[] body = (sanitize(reason) + "\n").getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(160);
		head.append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status)).append(CRLF);
		head.append("Content-Type: text/plain; charset=utf-8").append(CRLF);
		head.append("Content-Length: ").append(body.length).append(CRLF);
		head.append("Connection: close").append(CRLF);
		List<String> names = new ArrayList<>(headers.keySet());
		names.sort(String.CASE_INSENSITIVE_ORDER);
		for (String name : names) {
			if (!HttpSyntax.isToken(name)) {
				throw new IllegalArgumentException("header name must be a token but was " + HttpSyntax.quote(name));
			}
			if (RESERVED_ERROR_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("header " + name + " is written by the error response itself");
			}
			head.append(name).append(": ").append(asciiHeaderValue(headers.get(name))).append(CRLF);
		}
		head.append(CRLF);
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		ByteBuffer response = ByteBuffer.allocate(headBytes.length + body.length);
		response.put(headBytes).put(body).flip();
		return response;
	}

	/**
	 * Return the standard reason phrase of a status (RFC 9110 §15).
	 * @param status the status code
	 * @return the phrase, or a generic one for codes this server does not send
	 */
	static String reasonPhrase(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 426 -> "Upgrade Required";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 503 -> "Service Unavailable";
			default -> (status < 500) ? "Client Error" : "Server Error";
		};
	}

	private static String sanitize(String reason) {
		StringBuilder sanitized = new StringBuilder(reason.length());
		for (int i = 0; i < reason.length(); i++) {
			char c = reason.charAt(i);
			sanitized.append((c < 0x20 || c == 0x7F) ? ' ' : c);
		}
		return sanitized.toString();
	}

	private static String asciiHeaderValue(@Nullable String value) {
		if (value == null) {
			return "";
		}
		StringBuilder ascii = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			// RFC 9110 §5.5: CR, LF and NUL never reach the wire; other controls and
			// non-ASCII are replaced too, since the head is US-ASCII
			ascii.append(((c < 0x20 && c != '\t') || c == 0x7F) ? ' ' : (c > 0x7E) ? '?' : c);
		}
		return HttpSyntax.trimWhitespace(ascii.toString());
	}

	private static void requireHeaderText(String name, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c >= 0x7F) {
				throw new IllegalArgumentException(
						name + " value contains the invalid character " + HttpSyntax.hex(c) + " at index " + i);
			}
		}
	}

}
