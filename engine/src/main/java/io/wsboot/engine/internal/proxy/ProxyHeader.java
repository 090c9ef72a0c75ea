package io.wsboot.engine.internal.proxy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * What a connection started with, as read by {@link ProxyHeaderParser}.
 *
 * @param kind whether a header was there and what it said
 * @param version the header's version, 1 or 2, or 0 when absent
 * @param source the client's address for {@link Kind#PROXIED}, otherwise {@code null}
 * @param destination the address the client connected to for {@link Kind#PROXIED},
 * otherwise {@code null}
 * @param replay for {@link Kind#ABSENT}, the bytes taken while looking for a signature,
 * which belong to the request that follows; otherwise empty
 */
public record ProxyHeader(Kind kind, int version, @Nullable InetSocketAddress source,
		@Nullable InetSocketAddress destination, ByteBuffer replay) {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	static ProxyHeader proxied(int version, InetSocketAddress source, InetSocketAddress destination) {
		return new ProxyHeader(Kind.PROXIED, version, source, destination, EMPTY);
	}

	static ProxyHeader local(int version) {
		return new ProxyHeader(Kind.LOCAL, version, null, null, EMPTY);
	}

	static ProxyHeader absent(ByteBuffer replay) {
		return new ProxyHeader(Kind.ABSENT, 0, null, null, replay);
	}

	/**
	 * What the connection started with.
	 */
	public enum Kind {

		/** A header with the client's TCP addresses. */
		PROXIED,

		/**
		 * A header without usable addresses (v1 {@code UNKNOWN}, v2 {@code LOCAL}, an
		 * unspecified or UNIX family): the connection's own peer address stands.
		 */
		LOCAL,

		/** No header (only when it is optional): the request starts at once. */
		ABSENT

	}

}
