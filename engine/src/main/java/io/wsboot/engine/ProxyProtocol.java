package io.wsboot.engine;

/**
 * Whether connections start with a PROXY protocol header (HAProxy's PROXY protocol,
 * versions 1 and 2), which a load balancer such as HAProxy, an AWS Network Load Balancer
 * or nginx ({@code proxy_protocol on}) sends ahead of the client's bytes to tell the
 * server the client's address. The header is honoured only from a peer in
 * {@link ServerConfig#trustedProxies()}; from any other peer it is an error.
 *
 * @author wsboot
 */
public enum ProxyProtocol {

	/** No header is expected: the connection starts with the HTTP upgrade request. */
	OFF,

	/**
	 * Every connection starts with a version 1 or 2 header; one without is closed.
	 */
	REQUIRED,

	/**
	 * A connection may start with a version 1 or 2 header, recognised by its signature
	 * ({@code "PROXY "} or the 12-byte version 2 signature); one that starts otherwise is
	 * read as an HTTP upgrade request.
	 */
	OPTIONAL

}
