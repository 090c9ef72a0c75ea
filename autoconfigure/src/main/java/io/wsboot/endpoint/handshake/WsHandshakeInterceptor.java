package io.wsboot.endpoint.handshake;

import io.wsboot.engine.WsHandshakeException;

/**
 * Inspects an upgrade request before the server answers 101: the place for authentication
 * and for session attributes. Every bean of this type applies to every
 * {@code @WsEndpoint} that it {@linkplain #appliesTo(String) applies to}, in
 * {@code @Order}.
 *
 * <p>
 * Browsers cannot set an {@code Authorization} header on a WebSocket upgrade. Two ways
 * work from a browser: a token offered as a {@code Sec-WebSocket-Protocol} entry (read it
 * with {@link HandshakeContext#subprotocolToken(String)}; the server never echoes it
 * back, as it only selects subprotocols that the endpoint declares), and a query-string
 * token (wsboot does not log query strings).
 *
 * <p>
 * This is the Spring layer's form of the engine's {@link io.wsboot.engine.UpgradeCheck}:
 * each interceptor becomes one upgrade check of every endpoint it applies to, and an
 * exception other than {@link WsHandshakeException} is logged and answered with 500.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface WsHandshakeInterceptor {

	/**
	 * Accept the request, optionally putting attributes into the session to be, or reject
	 * it with {@code throw handshake.reject(401, "missing token")}.
	 * @param handshake the request and the session attributes
	 * @throws WsHandshakeException to answer with an HTTP error status instead of 101
	 */
	void beforeHandshake(HandshakeContext handshake) throws WsHandshakeException;

	/**
	 * Whether this interceptor applies to an endpoint.
	 * @param pathTemplate the endpoint's path template, such as {@code /chat/{room}}
	 * @return {@code true} by default: every endpoint
	 */
	default boolean appliesTo(String pathTemplate) {
		return true;
	}

}
