package io.wsboot.engine.internal.extension;

import java.util.List;

/**
 * One offer from a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): an extension
 * name and its parameters, in the order received, duplicates kept so that a negotiator
 * can decline them.
 *
 * @param name the extension token, such as {@code permessage-deflate}
 * @param parameters the parameters in the order received
 * @author wsboot
 */
public record ExtensionOffer(String name, List<ExtensionParameter> parameters) {

	/**
	 * Create an offer, copying the parameters.
	 * @param name the extension token
	 * @param parameters the parameters
	 */
	public ExtensionOffer {
		parameters = List.copyOf(parameters);
	}

}
