package io.wsboot.endpoint.handshake;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * An upgrade request as a {@link WsHandshakeInterceptor} sees it: the request, the
 * endpoint it was routed to, and the attributes of the session to be.
 *
 * @author wsboot
 */
public final class HandshakeContext {

	private final HandshakeRequest request;

	private final String pathTemplate;

	private final Map<String, String> pathVariables;

	private final Map<String, Object> attributes;

	/**
	 * Create a context; public so that interceptors can be unit tested.
	 * @param request the upgrade request
	 * @param pathTemplate the template of the endpoint the request was routed to
	 * @param pathVariables the values of the template's variables
	 * @param attributes the writable attributes of the session to be
	 */
	public HandshakeContext(HandshakeRequest request, String pathTemplate, Map<String, String> pathVariables,
			Map<String, Object> attributes) {
		this.request = request;
		this.pathTemplate = pathTemplate;
		this.pathVariables = Map.copyOf(pathVariables);
		this.attributes = attributes;
	}

	/**
	 * Return the whole request.
	 * @return the request
	 */
	public HandshakeRequest request() {
		return this.request;
	}

	/**
	 * Return the request path, without the query.
	 * @return the path
	 */
	public String path() {
		return this.request.path();
	}

	/**
	 * Return the template of the endpoint the request was routed to.
	 * @return the path template
	 */
	public String pathTemplate() {
		return this.pathTemplate;
	}

	/**
	 * Return the values of the path template's variables.
	 * @return the variables by name
	 */
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/**
	 * Return the first value of a request header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		return this.request.header(name);
	}

	/**
	 * Return the first decoded value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String queryParameter(String name) {
		List<String> values = this.request.queryParameter(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Return the client's address.
	 * @return the remote address
	 */
	public InetSocketAddress remoteAddress() {
		return this.request.remoteAddress();
	}

	/**
	 * Return the proxy's address when the client's came from a trusted proxy.
	 * @return the TCP peer, or {@code null} when the client connected directly
	 */
	public @Nullable InetSocketAddress proxyAddress() {
		return this.request.proxyAddress();
	}

	/**
	 * Return the attributes of the session to be; what is put here is visible in
	 * {@code EndpointSession.attributes()}.
	 * @return the writable attributes
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	/**
	 * Return the subprotocols that the client offered, in its order.
	 * @return the {@code Sec-WebSocket-Protocol} entries, empty when none
	 */
	public List<String> offeredSubprotocols() {
		List<String> offered = new ArrayList<>();
		for (String value : this.request.headerValues("Sec-WebSocket-Protocol")) {
			for (String entry : value.split(",")) {
				String trimmed = entry.trim();
				if (!trimmed.isEmpty()) {
					offered.add(trimmed);
				}
			}
		}
		return offered;
	}

	/**
	 * Return a token that a browser offered as a subprotocol entry such as
	 * {@code access_token.eyJhbGciOi...} (with prefix {@code "access_token."}). The
	 * client must also offer a subprotocol that the endpoint declares, which is the one
	 * the server selects: the token entry is never echoed back.
	 * @param prefix the prefix that marks the token entry
	 * @return the text after the prefix, or {@code null} when no entry has it
	 */
	public @Nullable String subprotocolToken(String prefix) {
		for (String entry : offeredSubprotocols()) {
			if (entry.startsWith(prefix) && entry.length() > prefix.length()) {
				return entry.substring(prefix.length());
			}
		}
		return null;
	}

	/**
	 * Create the exception that rejects the request; use as
	 * {@code throw handshake.reject(401, "missing token")}.
	 * @param httpStatus the status to answer with, such as 401 or 403
	 * @param reason the response body; it must not contain secrets
	 * @return the exception to throw
	 */
	public WsHandshakeException reject(int httpStatus, String reason) {
		return new WsHandshakeException(httpStatus, reason);
	}

	@Override
	public String toString() {
		// the query string is left out on purpose: it may carry an access token
		return "HandshakeContext[" + this.request.method() + " " + path() + " from " + remoteAddress() + "]";
	}

}
