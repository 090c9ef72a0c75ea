package io.wsboot.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The parsed head of an HTTP/1.1 upgrade request (RFC 6455 §4.1, RFC 9112 §3).
 *
 * @param method the request method, such as {@code GET}
 * @param target the request target as sent, path and query
 * @param path the path part of the target, not decoded
 * @param query the raw query string without {@code ?}, empty when none
 * @param version the HTTP version, such as {@code HTTP/1.1}
 * @param headers the header fields, keys in lower case, values in the order received
 * @param headBytes the size of the request head on the wire, through the final CRLF
 * @param remoteAddress the client's address: behind a trusted proxy, the address the
 * proxy reported (PROXY protocol header, {@code Forwarded} or {@code X-Forwarded-For}),
 * otherwise the TCP peer
 * @param proxyAddress the TCP peer when {@code remoteAddress} came from a trusted proxy,
 * otherwise {@code null}
 * @author wsboot
 */
public record HandshakeRequest(String method, String target, String path, String query, String version,
		Map<String, List<String>> headers, int headBytes, InetSocketAddress remoteAddress,
		@Nullable InetSocketAddress proxyAddress) {

	/**
	 * Create a request, copying the headers.
	 * @param method the request method
	 * @param target the request target as sent
	 * @param path the path part of the target
	 * @param query the raw query string
	 * @param version the HTTP version
	 * @param headers the header fields, keys in lower case
	 * @param headBytes the size of the request head on the wire
	 * @param remoteAddress the client's address
	 * @param proxyAddress the TCP peer when the client's address came from a trusted
	 * proxy, otherwise {@code null}
	 */
	public HandshakeRequest {
		headers = Map.copyOf(headers);
	}

	/**
	 * Create a request from a client connected directly, copying the headers.
	 * @param method the request method
	 * @param target the request target as sent
	 * @param path the path part of the target
	 * @param query the raw query string
	 * @param version the HTTP version
	 * @param headers the header fields, keys in lower case
	 * @param headBytes the size of the request head on the wire
	 * @param remoteAddress the client's address
	 */
	public HandshakeRequest(String method, String target, String path, String query, String version,
			Map<String, List<String>> headers, int headBytes, InetSocketAddress remoteAddress) {
		this(method, target, path, query, version, headers, headBytes, remoteAddress, null);
	}

	/**
	 * Return a copy with the client's address as reported by a trusted proxy.
	 * @param clientAddress the client's address
	 * @param proxyAddress the proxy's address, the TCP peer
	 * @return the request
	 */
	public HandshakeRequest withClientAddress(InetSocketAddress clientAddress, InetSocketAddress proxyAddress) {
		return new HandshakeRequest(this.method, this.target, this.path, this.query, this.version, this.headers,
				this.headBytes, clientAddress, proxyAddress);
	}

	/**
	 * Return the first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		List<String> values = values(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * Return every value of a header, in the order received.
	 * @param name the header name, in any case
	 * @return the values, empty when absent
	 */
	public List<String> headerValues(String name) {
		List<String> values = values(name);
		return (values != null) ? values : List.of();
	}

	private @Nullable List<String> values(String name) {
		// the keys are lower case: try the name as given first, which callers usually
		// pass in lower case, before paying for a lower-cased copy
		List<String> values = this.headers.get(name);
		return (values != null) ? values : this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the decoded values of a query parameter.
	 * @param name the parameter name
	 * @return the values, empty when absent
	 */
	public List<String> queryParameter(String name) {
		return QueryString.parse(this.query).getOrDefault(name, List.of());
	}

	/**
	 * Return all decoded query parameters.
	 * @return the parameters by name, in the order received
	 */
	public Map<String, List<String>> queryParameters() {
		return QueryString.parse(this.query);
	}

}
