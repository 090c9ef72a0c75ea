package io.wsboot.engine.internal.extension;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Negotiates one extension during the opening handshake (RFC 6455 §9.1) and creates its
 * per-connection state.
 *
 * @author wsboot
 */
public interface ExtensionFactory {

	/**
	 * Return the extension token this factory answers to.
	 * @return the name, such as {@code permessage-deflate}
	 */
	String name();

	/**
	 * Pick the first offer this factory can honour.
	 * @param offers the client's offers with this factory's name, in the client's order
	 * of preference
	 * @return the accepted extension, or {@code null} to decline every offer
	 */
	@Nullable NegotiatedExtension negotiate(List<ExtensionOffer> offers);

}
