package io.wsboot.engine.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The upgrade request head (RFC 6455 §4.1) as a session keeps it: the text that every
 * WebSocket client sends ({@code GET }, {@code Upgrade: websocket}, the header names,
 * line ends) is stored as one byte each, like the static table of HTTP/2 header
 * compression (RFC 7541 Appendix A). A typical head of about 160 bytes keeps about 55,
 * which is most of what an idle session costs beyond the JDK's own socket objects.
 * {@link #expand} gives back the exact bytes received, so that the request parses again
 * the same way.
 *
 * <p>
 * Bytes below 0x20 are codes: {@code 0x00} to {@code 0x1E} stand for the entries of the
 * dictionary, and {@code 0x1F} escapes a received byte below 0x20 (a tab, a bare CR or
 * LF, which the head may hold), which then follows as is.
 *
 * @author wsboot
 */
final class CompactHead {

	/**
	 * What the codes stand for, tried in this order at each position. A request line and
	 * the header lines of RFC 6455 §4.1 as browsers and common clients send them.
	 */
	private static final byte[][] DICTIONARY = entries("GET ", " HTTP/1.1\r\n", "Host: ", "Upgrade: websocket\r\n",
			"Connection: Upgrade\r\n", "Connection: keep-alive, Upgrade\r\n", "Sec-WebSocket-Key: ",
			"Sec-WebSocket-Version: 13\r\n", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n",
			"Sec-WebSocket-Extensions: ", "Sec-WebSocket-Protocol: ", "Origin: ", "User-Agent: ",
			"Pragma: no-cache\r\n", "Cache-Control: no-cache\r\n", "Accept-Encoding: ", "Accept-Language: ", "Accept: ",
			"Cookie: ", "Authorization: ", "Mozilla/5.0 ", "http://", "https://", "\r\n");

	/** The code that precedes a received byte below 0x20. */
	private static final int ESCAPE = 0x1F;

	/** The bytes below this are codes. */
	private static final int FIRST_LITERAL = 0x20;

	private CompactHead() {
	}

	private static byte[][] entries(String... entries) {
		if (entries.length > ESCAPE) {
			throw new IllegalStateException("more dictionary entries than codes");
		}
		byte[][] bytes = new byte[entries.length][];
		for (int i = 0; i < entries.length; i++) {
			bytes[i] = entries[i].getBytes(StandardCharsets.ISO_8859_1);
		}
		return bytes;
	}

	/**
	 * Compact a request head.
	 * @param head the head as received
	 * @return its compact form
	 */
	static byte[] compact(byte[] head) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(head.length);
		int i = 0;
		while (i < head.length) {
			int code = codeAt(head, i);
			if (code >= 0) {
				out.write(code);
				i += DICTIONARY[code].length;
				continue;
			}
			int b = head[i++] & 0xFF;
			if (b < FIRST_LITERAL) {
				out.write(ESCAPE);
			}
			out.write(b);
		}
		return out.toByteArray();
	}

	private static int codeAt(byte[] head, int index) {
		for (int code = 0; code < DICTIONARY.length; code++) {
			byte[] entry = DICTIONARY[code];
			if (head[index] == entry[0] && startsWith(head, index, entry)) {
				return code;
			}
		}
		return -1;
	}

	private static boolean startsWith(byte[] head, int index, byte[] entry) {
		if (head.length - index < entry.length) {
			return false;
		}
		for (int i = 1; i < entry.length; i++) {
			if (head[index + i] != entry[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the bytes received.
	 * @param compact a head compacted by {@link #compact}
	 * @return the head as received
	 */
	static byte[] expand(byte[] compact) {
		byte[] head = new byte[expandedLength(compact)];
		int at = 0;
		for (int i = 0; i < compact.length; i++) {
			int b = compact[i] & 0xFF;
			if (b == ESCAPE) {
				head[at++] = compact[++i];
			}
			else if (b < FIRST_LITERAL) {
				byte[] entry = DICTIONARY[b];
				System.arraycopy(entry, 0, head, at, entry.length);
				at += entry.length;
			}
			else {
				head[at++] = (byte) b;
			}
		}
		return head;
	}

	/**
	 * Return the length of the head received, without expanding it.
	 * @param compact a head compacted by {@link #compact}
	 * @return its length in bytes
	 */
	static int expandedLength(byte[] compact) {
		int length = 0;
		for (int i = 0; i < compact.length; i++) {
			int b = compact[i] & 0xFF;
			if (b == ESCAPE) {
				i++;
				length++;
			}
			else if (b < FIRST_LITERAL) {
				length += DICTIONARY[b].length;
			}
			else {
				length++;
			}
		}
		return length;
	}

}
