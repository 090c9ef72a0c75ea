package io.wsboot.engine;

import java.util.Map;

/**
 * A check of an upgrade request that the server runs after validating and routing it,
 * before it answers 101: the engine's hook for authentication, tenancy and similar
 * decisions. An {@link Endpoint} runs its checks in order; the first that throws refuses
 * the upgrade.
 *
 * <p>
 * This is the engine's low-level form. Applications on Spring Boot write
 * {@code io.wsboot.endpoint.handshake.WsHandshakeInterceptor} beans instead, which see
 * the request through a {@code HandshakeContext}; the Spring layer adapts each of them to
 * an {@code UpgradeCheck} of the endpoints they apply to.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface UpgradeCheck {

	/**
	 * Accept a request, optionally adding session attributes, or refuse it.
	 * @param request the upgrade request
	 * @param pathVariables the values of the endpoint's path template variables
	 * @param attributes the attributes of the session to be, writable
	 * @throws WsHandshakeException to refuse the request with an HTTP status, such as 401
	 * or 403
	 */
	void check(HandshakeRequest request, Map<String, String> pathVariables, Map<String, Object> attributes)
			throws WsHandshakeException;

}
