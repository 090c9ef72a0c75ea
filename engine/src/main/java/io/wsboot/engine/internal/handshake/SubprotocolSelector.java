package io.wsboot.engine.internal.handshake;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Picks the subprotocol of a connection from the client's {@code Sec-WebSocket-Protocol}
 * offers (RFC 6455 §4.2.2 step 5.5, §11.3.4).
 *
 * <p>
 * The server's order of preference decides, not the client's. Only a value the server
 * supports is ever echoed: clients that smuggle a credential through this header (a
 * bearer token as one of the entries) never see it reflected.
 *
 * @author wsboot
 */
public final class SubprotocolSelector {

	private SubprotocolSelector() {
	}

	/**
	 * Select a subprotocol.
	 * @param offeredHeaderValues every {@code Sec-WebSocket-Protocol} value received,
	 * each a comma-separated list of tokens
	 * @param supported the subprotocols the endpoint speaks, most preferred first
	 * @return the first supported subprotocol that the client offered, or {@code null}
	 * when there is none
	 */
	public static @Nullable String select(List<String> offeredHeaderValues, List<String> supported) {
		if (offeredHeaderValues.isEmpty() || supported.isEmpty()) {
			return null;
		}
		List<String> offered = HttpSyntax.listElements(offeredHeaderValues);
		for (String candidate : supported) {
			// RFC 6455 §11.3.4: subprotocol values are compared case-sensitively
			if (offered.contains(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
