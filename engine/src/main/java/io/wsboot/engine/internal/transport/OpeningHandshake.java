package io.wsboot.engine.internal.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.internal.handshake.HandshakeRequestParser;
import org.jspecify.annotations.Nullable;

/**
 * The opening handshake of one connection while its upgrade request arrives (RFC 6455
 * §4.2.1): the request is read however it is split across reads, within the handshake
 * timeout, and refused with an HTTP error when it is not a valid upgrade. A connection
 * holds it from accept until the request is parsed or refused, so that an upgraded
 * connection keeps neither the parser nor the time it was accepted.
 */
final class OpeningHandshake {

	private final HandshakeRequestParser parser;

	private final long acceptedAtNanos;

	private @Nullable HandshakeRequest request;

	/**
	 * Start reading an upgrade request.
	 * @param maxHeadBytes the largest request head; a larger one is refused with 431
	 * @param acceptedAtNanos when the connection was accepted, as
	 * {@link System#nanoTime()}
	 */
	OpeningHandshake(int maxHeadBytes, long acceptedAtNanos) {
		this.parser = new HandshakeRequestParser(maxHeadBytes);
		this.acceptedAtNanos = acceptedAtNanos;
	}

	/**
	 * Read the next bytes of the request.
	 * @param buffer the bytes read, moved past the request head once it is complete
	 * @param remoteAddress the client's address
	 * @return the request once its head is complete, or {@code null} while more bytes are
	 * needed
	 * @throws WsHandshakeException when the head is malformed or too large
	 */
	@Nullable HandshakeRequest read(ByteBuffer buffer, InetSocketAddress remoteAddress) {
		this.request = this.parser.parse(buffer, remoteAddress);
		return this.request;
	}

	/**
	 * Refuse the request (RFC 6455 §4.2.2): log it and tell the server's listener.
	 * @param ex why, with the HTTP status to answer
	 * @param server the server
	 * @param remoteAddress the client's address
	 * @return the HTTP error response to send before closing
	 */
	ByteBuffer refuse(WsHandshakeException ex, ServerRuntime server, InetSocketAddress remoteAddress) {
		HandshakeRequest request = this.request;
		server.connectionLog()
			.info(System.nanoTime(), "Rejected WebSocket handshake from {} for {}: {} {}", remoteAddress,
					(request != null) ? request.path() : "(unparsed request)", ex.httpStatus(), ex.getMessage());
		server.config().listener().handshakeRejected(request, ex);
		return Upgrade.errorResponse(ex);
	}

	/**
	 * Return the request head for the session to keep.
	 * @param request the request read
	 * @return the head as received and the request parsed from it
	 */
	RequestHead head(HandshakeRequest request) {
		return new RequestHead(this.parser.rawHead(), request);
	}

	/**
	 * Whether the whole request took longer than the handshake timeout to arrive.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param timeout the handshake timeout
	 * @return {@code true} once the timeout has passed
	 */
	boolean isOverdue(long nowNanos, Duration timeout) {
		return nowNanos - this.acceptedAtNanos > timeout.toNanos();
	}

}
