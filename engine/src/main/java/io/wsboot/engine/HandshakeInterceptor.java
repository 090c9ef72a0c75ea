package io.wsboot.engine;

import java.util.Map;

import io.wsboot.engine.WsHandshakeException;

/**
 * A hook that inspects an upgrade request after it was validated and routed, before the
 * server answers 101: the place for authentication, tenancy and similar checks.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface HandshakeInterceptor {

	/**
	 * Inspect a request and accept it, optionally adding session attributes, or reject
	 * it.
	 * @param request the upgrade request
	 * @param pathVariables the values of the endpoint's path template variables
	 * @param attributes the attributes of the session to be, writable
	 * @throws WsHandshakeException to reject the request with an HTTP status, such as 401
	 * or 403
	 */
	void beforeHandshake(HandshakeRequest request, Map<String, String> pathVariables, Map<String, Object> attributes)
			throws WsHandshakeException;

}
