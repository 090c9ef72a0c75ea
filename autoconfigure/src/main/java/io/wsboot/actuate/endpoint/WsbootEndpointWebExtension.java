package io.wsboot.actuate.endpoint;

import io.wsboot.actuate.endpoint.WsbootEndpoint.ClosingDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web side of {@link WsbootEndpoint}: closing a session that is not open answers 404.
 *
 * @author wsboot
 */
@EndpointWebExtension(endpoint = WsbootEndpoint.class)
public class WsbootEndpointWebExtension {

	private final WsbootEndpoint delegate;

	/**
	 * Create an extension.
	 * @param delegate the endpoint
	 */
	public WsbootEndpointWebExtension(WsbootEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Start the close handshake of one session.
	 * @param id the session id
	 * @param code the close code: one that may be sent in a close frame
	 * @param reason the close reason, at most 123 bytes in UTF-8
	 * @return what was done, or 404 when no such session is open
	 */
	@WriteOperation
	public WebEndpointResponse<ClosingDescriptor> closeSession(@Selector String id, int code, @Nullable String reason) {
		ClosingDescriptor closing = this.delegate.closeSession(id, code, reason);
		return (closing != null) ? new WebEndpointResponse<>(closing)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
