package io.wsboot.engine.internal.extension.deflate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.ExtensionParameter;
import org.jspecify.annotations.Nullable;

/**
 * The permessage-deflate parameters of one offer or of an agreement (RFC 7692 §7.1).
 *
 * @param serverNoContextTakeover whether the server resets its compressor after each
 * message (§7.1.1.1)
 * @param clientNoContextTakeover whether the client resets its compressor after each
 * message (§7.1.1.2)
 * @param serverMaxWindowBits the server's window limit to answer with, or {@code null}
 * when not offered (§7.1.2.1)
 * @param clientMaxWindowBits the client's window limit to answer with, or {@code null}
 * when not offered with a value (§7.1.2.2)
 */
record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
		@Nullable Integer serverMaxWindowBits, @Nullable Integer clientMaxWindowBits) {

	static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";

	static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";

	static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

	static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

	/** Smallest LZ77 window a peer may ask for: 2^8 bytes. */
	static final int MIN_WINDOW_BITS = 8;

	/** The only window java.util.zip compresses with: 2^15 = 32 KiB. */
	static final int JDK_WINDOW_BITS = 15;

	/**
	 * Read an offer's parameters.
	 * @param offer the offer
	 * @return the offered parameters, or {@code null} when the offer must be declined
	 */
	static @Nullable DeflateParameters parse(ExtensionOffer offer) {
		boolean serverNoContextTakeover = false;
		boolean clientNoContextTakeover = false;
		Integer serverMaxWindowBits = null;
		Integer clientMaxWindowBits = null;
		Set<String> seen = new HashSet<>();
		for (ExtensionParameter parameter : offer.parameters()) {
			// RFC 9110 §5.6.6: parameter names are case-insensitive
			String name = parameter.name().toLowerCase(Locale.ROOT);
			String value = parameter.value();
			// RFC 7692 §7.1: decline an offer with two parameters of the same name
			if (!seen.add(name)) {
				return null;
			}
			switch (name) {
				case SERVER_NO_CONTEXT_TAKEOVER -> {
					// RFC 7692 §7.1.1.1: this parameter has no value
					if (value != null) {
						return null;
					}
					serverNoContextTakeover = true;
				}
				case CLIENT_NO_CONTEXT_TAKEOVER -> {
					// RFC 7692 §7.1.1.2: this parameter has no value
					if (value != null) {
						return null;
					}
					clientNoContextTakeover = true;
				}
				case SERVER_MAX_WINDOW_BITS -> {
					// RFC 7692 §7.1.2.1: the value is required
					serverMaxWindowBits = windowBits(value);
					// RFC 7692 §7.1.2.1: decline what we cannot comply with; the JDK's
					// compressor always uses a 15-bit window
					if (serverMaxWindowBits == null || serverMaxWindowBits < JDK_WINDOW_BITS) {
						return null;
					}
				}
				case CLIENT_MAX_WINDOW_BITS -> {
					// RFC 7692 §7.1.2.2: the value is optional; our inflater takes any
					// window
					if (value != null) {
						clientMaxWindowBits = windowBits(value);
						if (clientMaxWindowBits == null) {
							return null;
						}
					}
				}
				default -> {
					// RFC 7692 §7.1: decline an offer with a parameter not defined for
					// offers
					return null;
				}
			}
		}
		return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits,
				clientMaxWindowBits);
	}

	/**
	 * Read a window size. RFC 6455 §9.1 unquotes values before this, and a quoted value
	 * must be a token; a digits-only check covers both.
	 * @param value the value
	 * @return the window bits, or {@code null} when not an integer 8-15 without leading
	 * zeros
	 */
	private static @Nullable Integer windowBits(@Nullable String value) {
		// RFC 7692 §7.1.2.1, §7.1.2.2: 1*DIGIT without leading zeros, 8 to 15
		if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
			return null;
		}
		int bits = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
			bits = bits * 10 + (c - '0');
		}
		return (bits >= MIN_WINDOW_BITS && bits <= JDK_WINDOW_BITS) ? bits : null;
	}

	/**
	 * Return the parameters in force when this offer is accepted.
	 * @param settings the server's settings
	 * @return the agreed parameters
	 */
	DeflateParameters agreed(PerMessageDeflate settings) {
		// RFC 7692 §7.1.1.1: an offered server_no_context_takeover must be answered, and
		// a server may answer with it unasked: we do so for a client that offers
		// client_no_context_takeover, which is short of memory or, like Jetty 12's
		// client, resets its inflater after each message when it offers that.
		// RFC 7692 §7.1.1.2: a server may answer with client_no_context_takeover.
		boolean serverNoContextTakeover = this.serverNoContextTakeover || this.clientNoContextTakeover
				|| settings.serverNoContextTakeover();
		boolean clientNoContextTakeover = this.clientNoContextTakeover || settings.clientNoContextTakeover();
		return new DeflateParameters(serverNoContextTakeover, clientNoContextTakeover, this.serverMaxWindowBits,
				this.clientMaxWindowBits);
	}

	/**
	 * Return the element for the response's {@code Sec-WebSocket-Extensions} header.
	 * @return the extension name and exactly the parameters in force
	 */
	String responseElement() {
		StringBuilder element = new StringBuilder(PerMessageDeflateFactory.NAME);
		if (this.serverNoContextTakeover) {
			// RFC 7692 §7.1.1.1: an accepted server_no_context_takeover must be answered
			element.append("; ").append(SERVER_NO_CONTEXT_TAKEOVER);
		}
		if (this.clientNoContextTakeover) {
			element.append("; ").append(CLIENT_NO_CONTEXT_TAKEOVER);
		}
		if (this.serverMaxWindowBits != null) {
			// RFC 7692 §7.1.2.1: an accepted server_max_window_bits must be answered
			element.append("; ").append(SERVER_MAX_WINDOW_BITS).append('=').append(this.serverMaxWindowBits);
		}
		if (this.clientMaxWindowBits != null) {
			// RFC 7692 §7.1.2.2: only when offered, never larger than offered
			element.append("; ").append(CLIENT_MAX_WINDOW_BITS).append('=').append(this.clientMaxWindowBits);
		}
		return element.toString();
	}

}
