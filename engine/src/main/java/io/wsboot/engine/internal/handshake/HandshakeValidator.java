package io.wsboot.engine.internal.handshake;

import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;

/**
 * Checks that a parsed request is a valid WebSocket opening handshake (RFC 6455 §4.2.1).
 *
 * <p>
 * The checks run in this order, the first failure wins:
 * <ol>
 * <li>the method is {@code GET}, else 405 with {@code Allow: GET};</li>
 * <li>the version is HTTP/1.1 or a later 1.x, else 400;</li>
 * <li>exactly one {@code Host} header, else 400;</li>
 * <li>{@code Upgrade} contains the token {@code websocket}, else 400;</li>
 * <li>{@code Connection} contains the token {@code upgrade}, else 400;</li>
 * <li>{@code Sec-WebSocket-Version} is exactly {@code 13}, else 426 with
 * {@code Sec-WebSocket-Version: 13};</li>
 * <li>exactly one {@code Sec-WebSocket-Key}, the base64 encoding of 16 bytes, else
 * 400;</li>
 * <li>no request body: no {@code Transfer-Encoding} and no {@code Content-Length} other
 * than 0, else 400.</li>
 * </ol>
 * The version is checked before the key, against the order of §4.2.1, so that a client of
 * another protocol version learns the one this server speaks (§4.2.2, §4.4).
 *
 * @author wsboot
 */
public final class HandshakeValidator {

	/** The only protocol version this server speaks (RFC 6455 §4.1, §11.6). */
	public static final String WEBSOCKET_VERSION = "13";

	/** Size of the nonce encoded in {@code Sec-WebSocket-Key} (RFC 6455 §4.1). */
	private static final int KEY_NONCE_BYTES = 16;

	/** Length of the base64 encoding of the nonce, padding included. */
	private static final int KEY_CHARS = (KEY_NONCE_BYTES + 2) / 3 * 4;

	private HandshakeValidator() {
	}

	/**
	 * Check a request.
	 * @param request the parsed request
	 * @throws WsHandshakeException with the status and headers to answer with when the
	 * request is not a valid opening handshake
	 */
	public static void validate(HandshakeRequest request) throws WsHandshakeException {
		// RFC 6455 §4.2.1 item 1: the method MUST be GET (case-sensitive, RFC 9110 §9.1)
		if (!"GET".equals(request.method())) {
			throw new WsHandshakeException(405, "method must be GET but was " + HttpSyntax.quote(request.method()),
					Map.of("Allow", "GET"));
		}
		// RFC 6455 §4.2.1 item 1: an HTTP/1.1 or higher request
		if (!isHttp11OrLater(request.version())) {
			throw badRequest("HTTP version must be HTTP/1.1 or higher but was " + HttpSyntax.quote(request.version()));
		}
		// RFC 6455 §4.2.1 item 2 and RFC 9112 §3.2: exactly one Host header
		List<String> hosts = request.headerValues("host");
		if (hosts.isEmpty()) {
			throw badRequest("missing Host header");
		}
		if (hosts.size() > 1) {
			throw badRequest("more than one Host header");
		}
		// RFC 6455 §4.2.1 item 3: Upgrade contains "websocket", case-insensitively
		List<String> upgrade = request.headerValues("upgrade");
		if (!containsToken(upgrade, "websocket")) {
			throw badRequest("Upgrade header must be websocket but was " + describe(upgrade));
		}
		// RFC 6455 §4.2.1 item 4: Connection contains "Upgrade", case-insensitively
		List<String> connection = request.headerValues("connection");
		if (!containsToken(connection, "upgrade")) {
			throw badRequest("Connection header must contain upgrade but was " + describe(connection));
		}
		// RFC 6455 §4.2.1 item 6 and §4.2.2: a version other than 13 is answered with the
		// versions this server understands
		List<String> versions = request.headerValues("sec-websocket-version");
		if (versions.size() != 1 || !WEBSOCKET_VERSION.equals(versions.get(0))) {
			throw new WsHandshakeException(426,
					"Sec-WebSocket-Version must be " + WEBSOCKET_VERSION + " but was " + describe(versions),
					Map.of("Sec-WebSocket-Version", WEBSOCKET_VERSION));
		}
		// RFC 6455 §4.2.1 item 5 and §11.3.1: one key, base64 of a 16-byte nonce
		List<String> keys = request.headerValues("sec-websocket-key");
		if (keys.isEmpty()) {
			throw badRequest("missing Sec-WebSocket-Key header");
		}
		if (keys.size() > 1) {
			throw badRequest("more than one Sec-WebSocket-Key header");
		}
		if (!isNonce(keys.get(0))) {
			throw badRequest("Sec-WebSocket-Key must be base64 of 16 bytes but was " + HttpSyntax.quote(keys.get(0)));
		}
		// RFC 9112 §6.3: a body would sit between the head and the first frame, where
		// a peer or an intermediary could read it as frames; a GET upgrade has none
		if (!request.headerValues("transfer-encoding").isEmpty()) {
			throw badRequest("upgrade request must not have a body but has Transfer-Encoding");
		}
		for (String contentLength : request.headerValues("content-length")) {
			if (!"0".equals(contentLength)) {
				throw badRequest("upgrade request must not have a body but has Content-Length "
						+ HttpSyntax.quote(contentLength));
			}
		}
	}

	private static boolean isHttp11OrLater(String version) {
		if (!version.startsWith("HTTP/1.") || version.length() == "HTTP/1.".length()) {
			return false;
		}
		String minor = version.substring("HTTP/1.".length());
		for (int i = 0; i < minor.length(); i++) {
			if (minor.charAt(i) < '0' || minor.charAt(i) > '9') {
				return false;
			}
		}
		// any minor version but 0, without parsing a number that could overflow
		return !minor.chars().allMatch((c) -> c == '0');
	}

	private static boolean containsToken(List<String> values, String token) {
		if (values.size() == 1 && values.get(0).equalsIgnoreCase(token)) {
			// the usual single-element value, without splitting the list
			return true;
		}
		for (String element : HttpSyntax.listElements(values)) {
			if (element.equalsIgnoreCase(token)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isNonce(String key) {
		// base64 of 16 bytes is 22 characters and "==" (RFC 4648 §4); checked by hand,
		// which rejects what a decode and re-encode would reject (other lengths, missing
		// padding, characters outside the alphabet, non-zero trailing bits) without
		// allocating
		if (key.length() != KEY_CHARS || key.charAt(KEY_CHARS - 2) != '=' || key.charAt(KEY_CHARS - 1) != '=') {
			return false;
		}
		for (int i = 0; i < KEY_CHARS - 2; i++) {
			int value = base64Value(key.charAt(i));
			if (value < 0) {
				return false;
			}
			// the last character carries 2 bits of the nonce and 4 padding bits,
			// which must be zero
			if (i == KEY_CHARS - 3 && (value & 0x0F) != 0) { // 0000_1111
				return false;
			}
		}
		return true;
	}

	private static int base64Value(char c) {
		if (c >= 'A' && c <= 'Z') {
			return c - 'A';
		}
		if (c >= 'a' && c <= 'z') {
			return c - 'a' + 26;
		}
		if (c >= '0' && c <= '9') {
			return c - '0' + 52;
		}
		return (c == '+') ? 62 : (c == '/') ? 63 : -1;
	}

	private static String describe(List<String> values) {
		return values.isEmpty() ? "absent" : HttpSyntax.quote(String.join(", ", values));
	}

	private static WsHandshakeException badRequest(String message) {
		return new WsHandshakeException(400, message);
	}

}
