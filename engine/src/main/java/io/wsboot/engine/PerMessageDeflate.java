package io.wsboot.engine;

import java.util.zip.Deflater;

/**
 * Settings of the permessage-deflate extension (RFC 7692 §7).
 *
 * <p>
 * Defaults: enabled, messages under {@value #DEFAULT_COMPRESSION_THRESHOLD_BYTES} bytes
 * sent uncompressed, compression level {@value #DEFAULT_COMPRESSION_LEVEL}
 * ({@link Deflater#BEST_SPEED}), context takeover in both directions.
 *
 * <p>
 * The level defaults to 1 rather than zlib's 6 because every session compresses its own
 * copy of each message (even a broadcast, since each session has its own LZ77 window), so
 * CPU grows with connections: on 1 KiB JSON messages level 1 ran about 2.7 times as fast
 * as level 6 for about 13% more output. gorilla/websocket and coder/websocket default to
 * level 1 for the same reason.
 *
 * <p>
 * Memory: with context takeover each connection keeps a {@link Deflater} (about 260 KiB
 * of native memory, created on the first compressed send) and an
 * {@link java.util.zip.Inflater} (about 40 KiB, created on the first compressed receive)
 * for its lifetime. With {@code server_no_context_takeover} the deflaters come from a
 * small pool shared by the factory's connections, so a connection holds one only while it
 * compresses a message; that is the setting to use when memory matters. The inflater
 * always keeps its window: RFC 7692 §7.2.2 lets a server decompress with an empty window
 * under {@code client_no_context_takeover} but does not require it, and a kept window
 * also decodes clients that promise not to take over context and do (Jetty 12's client
 * does).
 *
 * <p>
 * Window sizes are not configurable: {@code java.util.zip} always uses a 32 KiB (15-bit)
 * window, so offers that require a smaller server window are declined, and any client
 * window can be inflated.
 *
 * @param enabled whether the extension is negotiated at all
 * @param compressionThresholdBytes the smallest message that is compressed; smaller
 * messages are sent as they are, with RSV1 clear
 * @param compressionLevel the DEFLATE level, 1 (fastest) to 9 (smallest)
 * @param serverNoContextTakeover whether to ask for {@code server_no_context_takeover}
 * even when the client does not offer it, trading compression ratio for memory
 * @param clientNoContextTakeover whether to ask the client for
 * {@code client_no_context_takeover}, trading compression ratio for the client's memory
 * @author wsboot
 */
public record PerMessageDeflate(boolean enabled, int compressionThresholdBytes, int compressionLevel,
		boolean serverNoContextTakeover, boolean clientNoContextTakeover) {

	/** Default smallest message that is compressed: 256 bytes. */
	public static final int DEFAULT_COMPRESSION_THRESHOLD_BYTES = 256;

	/** Default DEFLATE level: 1, {@link Deflater#BEST_SPEED}. */
	public static final int DEFAULT_COMPRESSION_LEVEL = Deflater.BEST_SPEED;

	/** The defaults listed in the class description. */
	public static final PerMessageDeflate DEFAULTS = new Builder().build();

	/**
	 * Create settings, rejecting values that cannot work; {@link #builder()} names each
	 * value.
	 * @param enabled whether the extension is negotiated
	 * @param compressionThresholdBytes the smallest message that is compressed
	 * @param compressionLevel the DEFLATE level, 1 to 9
	 * @param serverNoContextTakeover whether to ask for
	 * {@code server_no_context_takeover}
	 * @param clientNoContextTakeover whether to ask for
	 * {@code client_no_context_takeover}
	 */
	public PerMessageDeflate {
		if (compressionThresholdBytes < 0) {
			throw new IllegalArgumentException(
					"compressionThresholdBytes must not be negative but was " + compressionThresholdBytes);
		}
		// level 0 writes stored blocks, which only add bytes to every message
		if (compressionLevel < Deflater.BEST_SPEED || compressionLevel > Deflater.BEST_COMPRESSION) {
			throw new IllegalArgumentException("compressionLevel must be between " + Deflater.BEST_SPEED + " and "
					+ Deflater.BEST_COMPRESSION + " but was " + compressionLevel);
		}
	}

	/**
	 * Return a builder that starts from the {@linkplain #DEFAULTS defaults}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from these settings.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return a copy that is enabled or disabled.
	 * @param enabled whether the extension is negotiated
	 * @return the new settings
	 */
	public PerMessageDeflate withEnabled(boolean enabled) {
		return toBuilder().enabled(enabled).build();
	}

	/**
	 * Return a copy with another compression threshold.
	 * @param bytes the smallest message that is compressed, 0 to compress every message
	 * @return the new settings
	 */
	public PerMessageDeflate withCompressionThresholdBytes(int bytes) {
		return toBuilder().compressionThresholdBytes(bytes).build();
	}

	/**
	 * Return a copy with another compression level.
	 * @param level the DEFLATE level, 1 to 9
	 * @return the new settings
	 */
	public PerMessageDeflate withCompressionLevel(int level) {
		return toBuilder().compressionLevel(level).build();
	}

	/**
	 * Return a copy with other context-takeover requests.
	 * @param server whether to ask for {@code server_no_context_takeover}
	 * @param client whether to ask for {@code client_no_context_takeover}
	 * @return the new settings
	 */
	public PerMessageDeflate withNoContextTakeover(boolean server, boolean client) {
		return toBuilder().serverNoContextTakeover(server).clientNoContextTakeover(client).build();
	}

	/**
	 * Collects settings by name; {@link #build()} checks them. Not thread-safe.
	 */
	public static final class Builder {

		private boolean enabled = true;

		private int compressionThresholdBytes = DEFAULT_COMPRESSION_THRESHOLD_BYTES;

		private int compressionLevel = DEFAULT_COMPRESSION_LEVEL;

		private boolean serverNoContextTakeover;

		private boolean clientNoContextTakeover;

		private Builder() {
		}

		private Builder(PerMessageDeflate settings) {
			this.enabled = settings.enabled;
			this.compressionThresholdBytes = settings.compressionThresholdBytes;
			this.compressionLevel = settings.compressionLevel;
			this.serverNoContextTakeover = settings.serverNoContextTakeover;
			this.clientNoContextTakeover = settings.clientNoContextTakeover;
		}

		/**
		 * Set whether the extension is negotiated at all.
		 * @param enabled {@code false} to decline every offer
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * Set the smallest message that is compressed.
		 * @param bytes the threshold, 0 to compress every message
		 * @return this builder
		 */
		public Builder compressionThresholdBytes(int bytes) {
			this.compressionThresholdBytes = bytes;
			return this;
		}

		/**
		 * Set the DEFLATE level.
		 * @param level 1 (fastest) to 9 (smallest)
		 * @return this builder
		 */
		public Builder compressionLevel(int level) {
			this.compressionLevel = level;
			return this;
		}

		/**
		 * Set whether to ask for {@code server_no_context_takeover} even when the client
		 * does not offer it.
		 * @param serverNoContextTakeover whether the server compresses each message on
		 * its own
		 * @return this builder
		 */
		public Builder serverNoContextTakeover(boolean serverNoContextTakeover) {
			this.serverNoContextTakeover = serverNoContextTakeover;
			return this;
		}

		/**
		 * Set whether to ask the client for {@code client_no_context_takeover}.
		 * @param clientNoContextTakeover whether the client should compress each message
		 * on its own
		 * @return this builder
		 */
		public Builder clientNoContextTakeover(boolean clientNoContextTakeover) {
			this.clientNoContextTakeover = clientNoContextTakeover;
			return this;
		}

		/**
		 * Create the settings.
		 * @return the settings
		 * @throws IllegalArgumentException when a value cannot work, naming it
		 */
		public PerMessageDeflate build() {
			return new PerMessageDeflate(this.enabled, this.compressionThresholdBytes, this.compressionLevel,
					this.serverNoContextTakeover, this.clientNoContextTakeover);
		}

	}

}
