package io.wsboot.engine.internal.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The lower-case names of the header fields an upgrade request usually carries (RFC 6455
 * §4.1, RFC 9110 §5.1: field names are case-insensitive), so that the parser can map the
 * bytes of a name to a shared constant instead of building and lower-casing a new string
 * for each field of each request.
 *
 * @author wsboot
 */
final class HeaderNames {

	/** Names sent by browsers and WebSocket clients, lower case. */
	private static final String[] KNOWN = { "host", "upgrade", "connection", "origin", "sec-websocket-key",
			"sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "user-agent", "accept",
			"accept-encoding", "accept-language", "cache-control", "pragma", "cookie", "authorization",
			"content-length", "transfer-encoding", "referer", "dnt", "priority", "x-forwarded-for", "x-forwarded-proto",
			"x-forwarded-host", "x-real-ip", "forwarded", "sec-fetch-dest", "sec-fetch-mode", "sec-fetch-site",
			"sec-gpc", "via" };

	/** The known names by length, so a lookup compares at most a few candidates. */
	private static final String[][] BY_LENGTH = byLength();

	private HeaderNames() {
	}

	/**
	 * Return the lower-case name of a field whose name is {@code bytes[from, to)}, a
	 * shared constant when the name is a known one.
	 * @param bytes the request head
	 * @param from the first byte of the name
	 * @param to the index after its last byte
	 * @return the name in lower case
	 */
	static String lowerCase(byte[] bytes, int from, int to) {
		int length = to - from;
		if (length < BY_LENGTH.length) {
			for (String candidate : BY_LENGTH[length]) {
				if (equalsIgnoreCase(candidate, bytes, from)) {
					return candidate;
				}
			}
		}
		return new String(bytes, from, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
	}

	private static boolean equalsIgnoreCase(String lowerCase, byte[] bytes, int from) {
		for (int i = 0; i < lowerCase.length(); i++) {
			int c = bytes[from + i];
			if (c >= 'A' && c <= 'Z') {
				c += 'a' - 'A';
			}
			if (c != lowerCase.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static String[][] byLength() {
		int longest = 0;
		for (String name : KNOWN) {
			longest = Math.max(longest, name.length());
		}
		String[][] table = new String[longest + 1][];
		for (int length = 0; length <= longest; length++) {
			int count = 0;
			for (String name : KNOWN) {
				count += (name.length() == length) ? 1 : 0;
			}
			String[] names = new String[count];
			count = 0;
			for (String name : KNOWN) {
				if (name.length() == length) {
					names[count++] = name;
				}
			}
			table[length] = names;
		}
		return table;
	}

}
