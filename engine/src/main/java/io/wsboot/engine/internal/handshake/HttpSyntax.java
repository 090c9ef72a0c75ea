package io.wsboot.engine.internal.handshake;

import java.util.ArrayList;
import java.util.List;

/**
 * The character classes of HTTP field syntax (RFC 9110 §5.5, §5.6) shared by the
 * handshake parsers and writers.
 */
final class HttpSyntax {

	private static final int SP = ' ';

	private static final int HTAB = '\t';

	/** Longest excerpt of a received value quoted in an error message. */
	private static final int MAX_QUOTED_CHARS = 64;

	private HttpSyntax() {
	}

	/**
	 * Whether a character is a {@code tchar} (RFC 9110 §5.6.2): a visible ASCII character
	 * other than a delimiter.
	 * @param c the character
	 * @return whether it may appear in a token
	 */
	static boolean isTokenChar(int c) {
		if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return true;
		}
		return switch (c) {
			case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
			default -> false;
		};
	}

	/**
	 * Whether a string is a non-empty {@code token} (RFC 9110 §5.6.2).
	 * @param text the text
	 * @return whether every character is a {@code tchar}
	 */
	static boolean isToken(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (!isTokenChar(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a character is optional whitespace (RFC 9110 §5.6.3).
	 * @param c the character
	 * @return whether it is SP or HTAB
	 */
	static boolean isWhitespace(int c) {
		return c == SP || c == HTAB;
	}

	/**
	 * Split the values of a list-based header (RFC 9110 §5.6.1) into its elements,
	 * trimming whitespace and ignoring empty elements.
	 * @param values the header values, in the order received
	 * @return the elements in order
	 */
	static List<String> listElements(List<String> values) {
		List<String> elements = new ArrayList<>();
		for (String value : values) {
			for (String element : value.split(",", -1)) {
				String trimmed = trimWhitespace(element);
				// RFC 9110 §5.6.1.2: a recipient ignores empty list elements
				if (!trimmed.isEmpty()) {
					elements.add(trimmed);
				}
			}
		}
		return elements;
	}

	/**
	 * Remove leading and trailing SP and HTAB.
	 * @param text the text
	 * @return the trimmed text
	 */
	static String trimWhitespace(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isWhitespace(text.charAt(start))) {
			start++;
		}
		while (end > start && isWhitespace(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	/**
	 * Quote received text for an error message: at most 64 characters, anything but
	 * printable ASCII shown as {@code ?}, so the message stays one short line.
	 * @param text the received text
	 * @return the text in single quotes
	 */
	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("'");
		int length = Math.min(text.length(), MAX_QUOTED_CHARS);
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			quoted.append((c >= 0x20 && c < 0x7F) ? c : '?');
		}
		if (text.length() > MAX_QUOTED_CHARS) {
			quoted.append("...");
		}
		return quoted.append('\'').toString();
	}

	/**
	 * Describe one byte or character for an error message, such as {@code 0x0B}.
	 * @param c the byte or character value
	 * @return the value in hexadecimal
	 */
	static String hex(int c) {
		return String.format("0x%02X", c);
	}

}
