package io.wsboot.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The upgrade request head (RFC 6455 §4.1) as a session keeps it: the text that every
 * WebSocket client sends ({@code GET }, {@code Upgrade: websocket}, the header names,
 * line ends) is stored as one byte each, like the static table of HTTP/2 header
 * compression (RFC 7541 Appendix A), and the key as the 16 bytes it encodes. A typical
 * head of about 160 bytes keeps about 45, which is most of what an idle session costs
 * beyond the JDK's own socket objects. {@link #expand} gives back the exact bytes
 * received, so that the request parses again the same way.
 *
 * <p>
 * Bytes below 0x20 are codes: {@code 0x00} to {@code 0x1D} stand for the entries of the
 * dictionary; {@code 0x1E} stands for a whole {@code Sec-WebSocket-Key} line (§4.1: the
 * base64 form of a 16-byte nonce), followed by the 16 bytes it encodes; and {@code 0x1F}
 * escapes a received byte below 0x20 (a tab, a bare CR or LF, which the head may hold),
 * which then follows as is.
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

	/**
	 * The code of a {@code Sec-WebSocket-Key} line whose value is the canonical base64
	 * form of 16 bytes, which follow the code.
	 */
	private static final int KEY_LINE = 0x1E;

	private static final byte[] KEY_NAME = "Sec-WebSocket-Key: ".getBytes(StandardCharsets.ISO_8859_1);

	/** RFC 6455 §4.1: the key is a nonce of 16 bytes, 24 characters in base64. */
	private static final int KEY_BYTES = 16;

	private static final int KEY_CHARACTERS = 24;

	private static final int KEY_LINE_BYTES = KEY_NAME.length + KEY_CHARACTERS + 2;

	/** The code that precedes a received byte below 0x20. */
	private static final int ESCAPE = 0x1F;

	/** The bytes below this are codes. */
	private static final int FIRST_LITERAL = 0x20;

	private CompactHead() {
	}

	private static byte[][] entries(String... entries) {
		if (entries.length > KEY_LINE) {
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
			byte[] key = keyAt(head, i);
			if (key != null) {
				out.write(KEY_LINE);
				out.writeBytes(key);
				i += KEY_LINE_BYTES;
				continue;
			}
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

	/**
	 * Return the 16 bytes of a {@code Sec-WebSocket-Key} line at {@code index} when its
	 * value is their canonical base64 form, which they give back exactly.
	 */
	private static byte @Nullable [] keyAt(byte[] head, int index) {
		if (head.length - index < KEY_LINE_BYTES || !startsWith(head, index, KEY_NAME)
				|| head[index + KEY_LINE_BYTES - 2] != '\r' || head[index + KEY_LINE_BYTES - 1] != '\n') {
			return null;
		}
		int from = index + KEY_NAME.length;
		byte[] value = Arrays.copyOfRange(head, from, from + KEY_CHARACTERS);
		byte[] key;
		try {
			key = Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return (key.length == KEY_BYTES && Arrays.equals(Base64.getEncoder().encode(key), value)) ? key : null;
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
			else if (b == KEY_LINE) {
				System.arraycopy(KEY_NAME, 0, head, at, KEY_NAME.length);
				at += KEY_NAME.length;
				byte[] value = Base64.getEncoder().encode(Arrays.copyOfRange(compact, i + 1, i + 1 + KEY_BYTES));
				System.arraycopy(value, 0, head, at, value.length);
				at += value.length;
				head[at++] = '\r';
				head[at++] = '\n';
				i += KEY_BYTES;
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
			else if (b == KEY_LINE) {
				i += KEY_BYTES;
				length += KEY_LINE_BYTES;
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
