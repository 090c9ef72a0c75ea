package io.wsboot.engine.internal.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.TrustedProxies;
import org.jspecify.annotations.Nullable;

/**
 * Finds the client's address in the {@code Forwarded} header (RFC 7239) or, when there is
 * none, in {@code X-Forwarded-For}, the way Tomcat's {@code RemoteIpValve} does: starting
 * from the TCP peer, each trusted hop's word is taken for the hop before it, from the
 * right of the list; the first address that is not a trusted proxy is the client. A
 * client that sends these headers itself, directly, is not a trusted proxy, so its
 * headers are ignored. An entry that is not an IP literal ({@code unknown}, an obfuscated
 * name, garbage) stops the walk: the last address found stands.
 */
public final class ForwardedHeaders {

	private ForwardedHeaders() {
	}

	/**
	 * Return the client's address as the trusted proxies report it.
	 * @param request the request
	 * @param peer the address the request came from: the TCP peer, or the client's
	 * address from a PROXY protocol header
	 * @param trusted the trusted proxies
	 * @return the client's address, or {@code null} when the headers do not change it
	 */
	public static @Nullable InetSocketAddress clientAddress(HandshakeRequest request, InetSocketAddress peer,
			TrustedProxies trusted) {
		if (!trusted.contains(peer.getAddress())) {
			return null;
		}
		List<String> forwarded = request.headerValues("forwarded");
		List<@Nullable InetSocketAddress> hops = !forwarded.isEmpty() ? forwardedFor(forwarded)
				: xForwardedFor(request.headerValues("x-forwarded-for"));
		InetSocketAddress client = null;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetSocketAddress hop = hops.get(i);
			if (hop == null) {
				break;
			}
			client = hop;
			if (!trusted.contains(hop.getAddress())) {
				break;
			}
		}
		return client;
	}

	/**
	 * The {@code for} parameters of the elements of RFC 7239 §4, in order; {@code null}
	 * for an element without one or with a node that is not an IP literal.
	 */
	static List<@Nullable InetSocketAddress> forwardedFor(List<String> values) {
		List<@Nullable InetSocketAddress> hops = new ArrayList<>();
		for (String value : values) {
			for (String element : split(value, ',')) {
				InetSocketAddress hop = null;
				for (String pair : split(element, ';')) {
					int equals = pair.indexOf('=');
					if (equals > 0 && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("for")) {
						hop = node(unquote(pair.substring(equals + 1).trim()));
						break;
					}
				}
				hops.add(hop);
			}
		}
		return hops;
	}

	/**
	 * The entries of {@code X-Forwarded-For}, in order, over every line of it.
	 */
	static List<@Nullable InetSocketAddress> xForwardedFor(List<String> values) {
		List<@Nullable InetSocketAddress> hops = new ArrayList<>();
		for (String value : values) {
			for (String entry : value.split(",", -1)) {
				hops.add(node(entry.trim()));
			}
		}
		return hops;
	}

	/**
	 * Parse a node (RFC 7239 §6): {@code 192.0.2.1}, {@code 192.0.2.1:4711},
	 * {@code [2001:db8::1]}, {@code [2001:db8::1]:4711}, or a bare IPv6 address as some
	 * proxies write it in {@code X-Forwarded-For}.
	 * @return the address with its port (0 when none is given), or {@code null}
	 */
	static @Nullable InetSocketAddress node(String node) {
		String host = node;
		String port = null;
		if (node.startsWith("[")) {
			int close = node.indexOf(']');
			if (close < 0) {
				return null;
			}
			host = node.substring(1, close);
			if (close + 1 < node.length()) {
				if (node.charAt(close + 1) != ':') {
					return null;
				}
				port = node.substring(close + 2);
			}
		}
		else {
			int colon = node.indexOf(':');
			if (colon >= 0 && node.indexOf(':', colon + 1) < 0) {
				// one colon: IPv4 with a port
				host = node.substring(0, colon);
				port = node.substring(colon + 1);
			}
		}
		InetAddress address = IpLiterals.parse(host);
		if (address == null) {
			return null;
		}
		return new InetSocketAddress(address, (port != null) ? port(port) : 0);
	}

	/** A numeric port, or 0 for an obfuscated one ({@code _abc}) or garbage. */
	private static int port(String text) {
		if (text.isEmpty() || text.length() > 5) {
			return 0;
		}
		int port = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return 0;
			}
			port = port * 10 + (c - '0');
		}
		return (port <= 65535) ? port : 0;
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
			return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
		}
		return value;
	}

	/** Split on a separator outside quoted strings. */
	private static List<String> split(String value, char separator) {
		List<String> parts = new ArrayList<>();
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && quoted) {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == separator && !quoted) {
				parts.add(value.substring(start, i).trim());
				start = i + 1;
			}
		}
		parts.add(value.substring(start).trim());
		return parts;
	}

}
