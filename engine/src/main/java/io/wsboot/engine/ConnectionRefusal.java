package io.wsboot.engine;

import java.util.Locale;

/**
 * Why a TCP connection was closed before any HTTP answer could be sent: the closed set of
 * reasons reported to {@link WsServerListener#connectionRefused}, small enough to tag a
 * meter with.
 *
 * @author wsboot
 */
public enum ConnectionRefusal {

	/**
	 * {@link ServerConfig#maxPendingHandshakes()} sockets had not completed their upgrade
	 * yet: the new one was closed at once.
	 */
	PENDING_HANDSHAKES,

	/**
	 * {@link ProxyProtocol#REQUIRED} and the connection did not start with a PROXY
	 * protocol header.
	 */
	PROXY_HEADER_MISSING,

	/**
	 * The PROXY protocol header was malformed, truncated, too long, or sent by a peer
	 * that is not a trusted proxy.
	 */
	PROXY_HEADER_INVALID;

	/**
	 * Return the reason as a tag value, such as {@code pending-handshakes}.
	 * @return the lower-case, hyphenated name
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
