package io.wsboot.engine.internal.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Parses IP address literals without ever asking a name service: a header or a
 * configuration value that is not a literal is refused, never looked up.
 */
public final class IpLiterals {

	/** The longest IPv6 text form, with an embedded IPv4 address. */
	private static final int MAX_IPV6_CHARS = 45;

	private IpLiterals() {
	}

	/**
	 * Parse an IPv4 dotted quad ({@code 192.0.2.1}) or an IPv6 address
	 * ({@code 2001:db8::1}, without brackets or zone).
	 * @param text the literal
	 * @return the address, or {@code null} when the text is not a literal
	 */
	public static @Nullable InetAddress parse(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == ':') {
				return parseIpv6(text);
			}
		}
		byte[] ipv4 = parseIpv4(text, 0, text.length());
		return (ipv4 != null) ? byAddress(ipv4) : null;
	}

	/**
	 * Parse an IPv4 dotted quad: four decimal numbers 0 to 255 without leading zeros.
	 * @param text the text
	 * @param start the first character
	 * @param end after the last character
	 * @return the four bytes, or {@code null} when not a dotted quad
	 */
	static byte @Nullable [] parseIpv4(CharSequence text, int start, int end) {
		byte[] bytes = new byte[4];
		int part = 0;
		int value = -1;
		int digits = 0;
		for (int i = start; i <= end; i++) {
			char c = (i < end) ? text.charAt(i) : '.';
			if (c == '.') {
				if (digits == 0 || part > 3) {
					return null;
				}
				bytes[part++] = (byte) value;
				value = -1;
				digits = 0;
			}
			else if (c >= '0' && c <= '9') {
				if (digits > 0 && value == 0) {
					// a leading zero: some parsers read it as octal, so refuse it
					return null;
				}
				value = ((value < 0) ? 0 : value * 10) + (c - '0');
				if (++digits > 3 || value > 255) {
					return null;
				}
			}
			else {
				return null;
			}
		}
		return (part == 4) ? bytes : null;
	}

	private static @Nullable InetAddress parseIpv6(CharSequence text) {
		if (text.length() < 2 || text.length() > MAX_IPV6_CHARS) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
					|| c == '.';
			if (!allowed) {
				return null;
			}
		}
		try {
			// in brackets the JDK parses an IPv6 literal or fails: it never looks it up
			return InetAddress.getByName("[" + text + "]");
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Return the address of raw bytes, 4 or 16.
	 * @param bytes the address bytes
	 * @return the address
	 */
	static InetAddress byAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP address of 4 or 16 bytes", ex);
		}
	}

}
