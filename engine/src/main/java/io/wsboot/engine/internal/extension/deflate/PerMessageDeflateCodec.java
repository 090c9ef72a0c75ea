package io.wsboot.engine.internal.extension.deflate;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.EncodedPayload;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.PayloadSink;
import io.wsboot.engine.internal.frame.Frame;
import org.jspecify.annotations.Nullable;

/**
 * The per-connection permessage-deflate transform (RFC 7692 §7.2): raw DEFLATE with RSV1
 * marking compressed messages.
 *
 * <p>
 * Memory per connection, measured with the JDK's bundled zlib: a {@link Deflater} takes
 * about 260 KiB of native memory (a 64 KiB window, 128 KiB of hash chains, 64 KiB of
 * pending output) and an {@link Inflater} about 40 KiB (a 32 KiB window and its state).
 * The codec creates each on first use and keeps it until {@link #release()}, so a
 * connection that compresses in both directions costs about 300 KiB, and a connection
 * that never sends a message over the threshold creates no deflater. With
 * {@code server_no_context_takeover} a deflater is borrowed from the factory's pool for
 * the duration of one {@link #encode}, so only the inflater stays with the connection.
 * Inflating also needs an {@value #INFLATE_CHUNK_BYTES}-byte heap buffer, created on
 * first use.
 *
 * <p>
 * The inflater keeps its window across messages even under
 * {@code client_no_context_takeover}: RFC 7692 §7.2.2 lets the server decompress with an
 * empty window then but does not require it, and keeping the window also decodes clients
 * that ask for the parameter and compress with context takeover anyway, as Jetty 12's
 * client does.
 *
 * <p>
 * Inbound messages are inflated into that fixed buffer and handed to the
 * {@link PayloadSink} a chunk at a time, so the sink's message limit (1009) stops a
 * decompression bomb after at most the limit plus one chunk.
 *
 * <p>
 * A peer may end a DEFLATE stream with a block that has BFINAL set and start another (RFC
 * 7692 §7.2.3.4); {@code java.util.zip} cannot continue a finished stream, so the
 * inflater restarts with an empty window, and a later back-reference into the old one
 * fails with 1007. Peers that flush zlib with SYNC_FLUSH, as browsers do, never set
 * BFINAL.
 *
 * <p>
 * The transport encodes on the sending thread while the event loop decodes, so each
 * direction has its own lock, and {@link #release()} waits for a message in progress
 * before it ends that direction's stream; afterwards both throw
 * {@link IllegalStateException}.
 */
final class PerMessageDeflateCodec implements ExtensionCodec {

	/** Size of the buffer that inflated bytes pass through on their way to the sink. */
	static final int INFLATE_CHUNK_BYTES = 8 * 1024;

	/**
	 * RFC 7692 §7.2.1: the LEN and NLEN of the empty stored block that ends a SYNC_FLUSH,
	 * removed by the sender and appended again by the receiver.
	 */
	private static final byte[] EMPTY_BLOCK_TAIL = { 0x00, 0x00, (byte) 0xFF, (byte) 0xFF };

	/** RFC 7692 §7.2.3.6: an empty stored block, a whole compressed empty message. */
	private static final byte[] EMPTY_MESSAGE = { 0x00 };

	private static final byte[] NO_BYTES = {};

	private final boolean serverNoContextTakeover;

	private final int compressionThresholdBytes;

	private final CompressorPool<Deflater> deflaters;

	private final Supplier<Inflater> inflaters;

	/** Kept across messages only with server context takeover. */
	private @Nullable Deflater deflater;

	private @Nullable Inflater inflater;

	private byte @Nullable [] inflateChunk;

	private boolean messageHasPayload;

	/** Guards the deflater: messages are encoded on the sending thread. */
	private final Object deflateLock = new Object();

	/** Guards the inflater: messages are decoded on the connection's event loop. */
	private final Object inflateLock = new Object();

	private volatile boolean released;

	/**
	 * Create a codec.
	 * @param serverNoContextTakeover whether {@code server_no_context_takeover} is in
	 * force
	 * @param compressionThresholdBytes the smallest message that is compressed
	 * @param deflaters where deflaters come from
	 * @param inflaters creates the inflater
	 */
	PerMessageDeflateCodec(boolean serverNoContextTakeover, int compressionThresholdBytes,
			CompressorPool<Deflater> deflaters, Supplier<Inflater> inflaters) {
		this.serverNoContextTakeover = serverNoContextTakeover;
		this.compressionThresholdBytes = compressionThresholdBytes;
		this.deflaters = deflaters;
		this.inflaters = inflaters;
	}

	@Override
	public int rsvMask() {
		// RFC 7692 §6: the "Per-Message Compressed" bit is RSV1
		return Frame.RSV1;
	}

	@Override
	public EncodedPayload encode(OpCode type, ByteBuffer payload) {
		synchronized (this.deflateLock) {
			return encodeLocked(type, payload);
		}
	}

	private EncodedPayload encodeLocked(OpCode type, ByteBuffer payload) {
		checkNotReleased();
		// RFC 7692 §6: only data messages are compressed
		if (type != OpCode.TEXT && type != OpCode.BINARY) {
			throw new IllegalArgumentException("cannot compress a " + type + " message");
		}
		// RFC 7692 §6.1: RSV1 is per message, so a small message simply goes uncompressed
		// and leaves the LZ77 window alone
		if (payload.remaining() < this.compressionThresholdBytes) {
			return new EncodedPayload(payload, 0);
		}
		Deflater deflater = (this.deflater != null) ? this.deflater : this.deflaters.borrow();
		try {
			return new EncodedPayload(deflate(deflater, payload.duplicate()), Frame.RSV1);
		}
		finally {
			// RFC 7692 §7.1.1.1: with server_no_context_takeover start each message
			// with an empty window
			if (this.serverNoContextTakeover) {
				deflater.reset();
				this.deflaters.giveBack(deflater);
			}
			else {
				this.deflater = deflater;
			}
		}
	}

	private static ByteBuffer deflate(Deflater deflater, ByteBuffer input) {
		// most text shrinks by 4 or more; growing is cheap next to deflating
		byte[] output = new byte[input.remaining() / 4 + 64];
		int length = 0;
		deflater.setInput(input);
		try {
			while (true) {
				length += deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
				// a SYNC_FLUSH that leaves output space has consumed and flushed all
				// input
				if (length < output.length) {
					break;
				}
				output = Arrays.copyOf(output, output.length * 2);
			}
		}
		finally {
			// do not keep the caller's buffer reachable until the next message
			deflater.setInput(NO_BYTES);
		}
		if (length == 0) {
			// RFC 7692 §7.2.3.6: zlib skips a second flush in a row with no input, so a
			// repeated empty message would yield nothing; send one empty stored block
			// instead
			return ByteBuffer.wrap(EMPTY_MESSAGE.clone());
		}
		// RFC 7692 §7.2.1: remove the 0x00 0x00 0xFF 0xFF that ends the flushed data
		if (!endsWithEmptyBlockTail(output, length)) {
			throw new IllegalStateException("SYNC_FLUSH output does not end with 00 00 FF FF");
		}
		length -= EMPTY_BLOCK_TAIL.length;
		if (length < output.length - output.length / 4) {
			output = Arrays.copyOf(output, length);
		}
		return ByteBuffer.wrap(output, 0, length);
	}

	private static boolean endsWithEmptyBlockTail(byte[] output, int length) {
		int tail = EMPTY_BLOCK_TAIL.length;
		return length >= tail && Arrays.equals(output, length - tail, length, EMPTY_BLOCK_TAIL, 0, tail);
	}

	@Override
	public void decode(ByteBuffer payload, boolean fin, PayloadSink sink) throws WsProtocolException {
		synchronized (this.inflateLock) {
			decodeLocked(payload, fin, sink);
		}
	}

	private void decodeLocked(ByteBuffer payload, boolean fin, PayloadSink sink) {
		checkNotReleased();
		Inflater inflater = this.inflater;
		if (inflater == null) {
			inflater = this.inflaters.get();
			this.inflater = inflater;
		}
		if (payload.hasRemaining()) {
			this.messageHasPayload = true;
			inflate(inflater, payload.duplicate(), true, sink);
		}
		if (!fin) {
			return;
		}
		// An empty compressed payload is not valid DEFLATE data even with the tail
		// appended; read it as an empty message and leave the window as it was, rather
		// than leave the inflater inside a stored block header.
		if (this.messageHasPayload) {
			// RFC 7692 §7.2.2: append 0x00 0x00 0xFF 0xFF, then inflate
			inflate(inflater, ByteBuffer.wrap(EMPTY_BLOCK_TAIL), false, sink);
		}
		this.messageHasPayload = false;
	}

	private void inflate(Inflater inflater, ByteBuffer input, boolean continueAfterFinalBlock, PayloadSink sink) {
		byte[] chunk = inflateChunk();
		inflater.setInput(input);
		try {
			while (true) {
				if (inflater.finished()) {
					// RFC 7692 §7.2.3.4: blocks may follow a block with BFINAL set; the
					// appended tail after one is padding to ignore
					if (!continueAfterFinalBlock || !input.hasRemaining()) {
						return;
					}
					inflater.reset();
					inflater.setInput(input);
				}
				int inflated = inflateOnce(inflater, chunk);
				if (inflated > 0) {
					// the sink counts against the message limit (1009) before more is
					// inflated, so a small payload never expands past limit + one chunk
					sink.write(ByteBuffer.wrap(chunk, 0, inflated));
				}
				else if (inflater.needsInput()) {
					return;
				}
				else if (!inflater.finished()) {
					// raw DEFLATE has no preset dictionary; zlib stops only for input,
					// output space or the end of the stream
					throw corrupt("inflater stopped without output, needing a dictionary or more input");
				}
			}
		}
		finally {
			// do not keep the engine's read buffer reachable
			inflater.setInput(NO_BYTES);
		}
	}

	private static int inflateOnce(Inflater inflater, byte[] chunk) {
		try {
			return inflater.inflate(chunk);
		}
		catch (DataFormatException ex) {
			throw corrupt(String.valueOf(ex.getMessage()));
		}
	}

	private static WsProtocolException corrupt(String detail) {
		// 1007 rather than 1002: the frames were well formed, the message data is not
		// consistent with its compressed type (RFC 6455 §7.4.1), like invalid UTF-8
		return new WsProtocolException(CloseStatus.INVALID_PAYLOAD,
				"received invalid permessage-deflate data: " + detail);
	}

	private byte[] inflateChunk() {
		byte[] chunk = this.inflateChunk;
		if (chunk == null) {
			chunk = new byte[INFLATE_CHUNK_BYTES];
			this.inflateChunk = chunk;
		}
		return chunk;
	}

	@Override
	public void release() {
		if (this.released) {
			return;
		}
		this.released = true;
		// the locks let a message being encoded or decoded on another thread finish
		// before its stream is ended; later calls see released
		synchronized (this.deflateLock) {
			Deflater deflater = this.deflater;
			if (deflater != null) {
				this.deflater = null;
				deflater.end();
			}
		}
		synchronized (this.inflateLock) {
			Inflater inflater = this.inflater;
			if (inflater != null) {
				this.inflater = null;
				inflater.end();
			}
			this.inflateChunk = null;
		}
	}

	private void checkNotReleased() {
		if (this.released) {
			throw new IllegalStateException("permessage-deflate codec has been released");
		}
	}

}
