package io.wsboot.engine.internal.extension.deflate;

import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.internal.extension.ExtensionFactory;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import org.jspecify.annotations.Nullable;

/**
 * Negotiates permessage-deflate (RFC 7692 §7.1) and creates a codec per connection.
 *
 * <p>
 * The client's offers are tried in its order and the first one this server can honour is
 * accepted. An offer is declined, and the next one tried, when it has a parameter that
 * RFC 7692 does not define for offers, the same parameter twice, a value on
 * {@code server_no_context_takeover} or {@code client_no_context_takeover}, a window size
 * that is not an integer from 8 to 15 without leading zeros, or a
 * {@code server_max_window_bits} below 15, since {@code java.util.zip} always compresses
 * with a 15-bit window.
 *
 * <p>
 * The response names exactly the parameters in force: {@code server_no_context_takeover}
 * when offered, configured, or when {@code client_no_context_takeover} is offered;
 * {@code client_no_context_takeover} when offered or configured;
 * {@code server_max_window_bits=15} when offered as 15; and
 * {@code client_max_window_bits} with the offered value when the offer had one. Without a
 * value in the offer, {@code client_max_window_bits} is left out of the response: the
 * client then uses 15 bits, which our inflater always accepts. A client that offers
 * {@code client_no_context_takeover} is answered with {@code server_no_context_takeover}
 * too, which RFC 7692 §7.1.1.1 allows unasked: such a client is short of memory, and
 * Jetty 12's client (12.1.10) applies its own offer with the roles swapped, resetting its
 * inflater after each message, so a server that kept its compression window would fail
 * it. Whatever is agreed, our inflater keeps its window (see {@link PerMessageDeflate}).
 * Parameter names are matched without regard to case.
 *
 * <p>
 * The factory is thread-safe; it owns the pool that codecs borrow deflaters from under
 * {@code server_no_context_takeover} (see {@link PerMessageDeflate} for the memory this
 * costs).
 *
 * @author wsboot
 */
public final class PerMessageDeflateFactory implements ExtensionFactory {

	/** The extension token (RFC 7692 §7). */
	public static final String NAME = "permessage-deflate";

	/** Most idle deflaters kept for reuse across connections. */
	private static final int MAX_POOLED_STREAMS = 2 * Runtime.getRuntime().availableProcessors();

	private final PerMessageDeflate settings;

	private final CompressorPool<Deflater> deflaters;

	/**
	 * Create a factory with {@link PerMessageDeflate#DEFAULTS}.
	 */
	public PerMessageDeflateFactory() {
		this(PerMessageDeflate.DEFAULTS);
	}

	/**
	 * Create a factory.
	 * @param settings the settings
	 */
	public PerMessageDeflateFactory(PerMessageDeflate settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		int level = settings.compressionLevel();
		// RFC 7692 §7.2.1: raw DEFLATE, without the zlib header and checksum
		this.deflaters = new CompressorPool<>(MAX_POOLED_STREAMS, () -> new Deflater(level, true), Deflater::end);

	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public PerMessageDeflate settings() {
		return this.settings;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public @Nullable NegotiatedExtension negotiate(List<ExtensionOffer> offers) {
		if (!this.settings.enabled()) {
			return null;
		}
		for (ExtensionOffer offer : offers) {
			if (!NAME.equalsIgnoreCase(offer.name())) {
				continue;
			}
			DeflateParameters offered = DeflateParameters.parse(offer);
			// RFC 7692 §7.1: a declined offer leaves the next one to try
			if (offered != null) {
				DeflateParameters agreed = offered.agreed(this.settings);
				return new NegotiatedExtension(agreed.responseElement(),
						new PerMessageDeflateCodec(agreed.serverNoContextTakeover(),
								this.settings.compressionThresholdBytes(), this.deflaters, () -> new Inflater(true)));
			}
		}
		return null;
	}

}
