package io.wsboot.engine.internal.transport;

import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.internal.handshake.HandshakeRequestParser;
import org.jspecify.annotations.Nullable;

/**
 * The upgrade request (RFC 6455 §4.1) as a session keeps it: the head as received, in the
 * {@link CompactHead compact form} that takes about a third of the bytes, parsed again
 * when asked. The parsed form takes about four times as much as the raw head, so it is
 * held only while the session opens; afterwards the last one parsed is held weakly, so
 * that callers holding it get the same instance.
 */
final class RequestHead {

	private final byte[] compact;

	/** The request as first parsed, until the session is open or refused. */
	private volatile @Nullable HandshakeRequest parsed;

	/** The request parsed again for the last caller of {@link #request}. */
	private volatile @Nullable WeakReference<HandshakeRequest> reparsed;

	/**
	 * Keep a request head.
	 * @param rawHead the head as received, through its final CRLF
	 * @param parsed the request parsed from it, held until {@link #opened()}
	 */
	RequestHead(byte[] rawHead, HandshakeRequest parsed) {
		this.compact = CompactHead.compact(rawHead);
		this.parsed = parsed;
	}

	/**
	 * Let go of the parsed request once the session is open: from now on {@link #request}
	 * parses the head again when asked.
	 */
	void opened() {
		this.parsed = null;
	}

	/**
	 * Return the request as first parsed, while it is held.
	 * @return the request, or {@code null} once the session is open
	 */
	@Nullable HandshakeRequest parsed() {
		return this.parsed;
	}

	/**
	 * Return the request, parsed again if no one holds the last instance.
	 * @param remoteAddress the client's address
	 * @param proxyAddress the proxy's address when the client's came from it, or
	 * {@code null}
	 * @return the request
	 */
	HandshakeRequest request(InetSocketAddress remoteAddress, @Nullable InetSocketAddress proxyAddress) {
		HandshakeRequest request = this.parsed;
		if (request != null) {
			if (this.reparsed == null) {
				// the session is opening: a caller that holds this instance gets it
				// again after the strong reference is dropped
				this.reparsed = new WeakReference<>(request);
			}
			return request;
		}
		WeakReference<HandshakeRequest> reparsed = this.reparsed;
		request = (reparsed != null) ? reparsed.get() : null;
		if (request == null) {
			// the head was valid when received, so it parses again the same way
			request = HandshakeRequestParser.parseHead(CompactHead.expand(this.compact), remoteAddress);
			if (proxyAddress != null) {
				request = request.withClientAddress(remoteAddress, proxyAddress);
			}
			this.reparsed = new WeakReference<>(request);
		}
		return request;
	}

	/**
	 * Return the request's path, without parsing the whole head again.
	 * @return the path, without the query
	 */
	String path() {
		HandshakeRequest request = this.parsed;
		return (request != null) ? request.path() : HandshakeRequestParser.path(CompactHead.expand(this.compact));
	}

	/**
	 * Return the size of the head as received.
	 * @return bytes
	 */
	int length() {
		return CompactHead.expandedLength(this.compact);
	}

}
