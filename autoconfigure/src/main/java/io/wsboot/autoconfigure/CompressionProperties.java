package io.wsboot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * permessage-deflate (RFC 7692) for clients that offer it, as every browser does
 * ({@code wsboot.compression.*}), mapped onto the engine's {@code PerMessageDeflate}.
 *
 * @author wsboot
 */
public class CompressionProperties {

	/**
	 * Whether permessage-deflate may be negotiated; endpoints can opt out with
	 * '@WsEndpoint(compression = false)'.
	 */
	private boolean enabled = true;

	/**
	 * Smallest message that is compressed; smaller ones go out as they are.
	 */
	private DataSize threshold = DataSize.ofBytes(256);

	/**
	 * Deflate compression level, from 1 (fastest) to 9 (smallest).
	 */
	private int level = 1;

	/**
	 * Whether the server compresses each message on its own (server_no_context_takeover),
	 * which lets connections share pooled compressors instead of holding about 260 KiB of
	 * native memory each.
	 */
	private boolean serverNoContextTakeover = true;

	/**
	 * Whether to ask clients to compress each message on their own
	 * (client_no_context_takeover).
	 */
	private boolean clientNoContextTakeover = false;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DataSize getThreshold() {
		return this.threshold;
	}

	public void setThreshold(DataSize threshold) {
		this.threshold = threshold;
	}

	public int getLevel() {
		return this.level;
	}

	public void setLevel(int level) {
		this.level = level;
	}

	public boolean isServerNoContextTakeover() {
		return this.serverNoContextTakeover;
	}

	public void setServerNoContextTakeover(boolean serverNoContextTakeover) {
		this.serverNoContextTakeover = serverNoContextTakeover;
	}

	public boolean isClientNoContextTakeover() {
		return this.clientNoContextTakeover;
	}

	public void setClientNoContextTakeover(boolean clientNoContextTakeover) {
		this.clientNoContextTakeover = clientNoContextTakeover;
	}

}
