package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.PayloadSink;
import io.wsboot.engine.internal.frame.Masking;
import io.wsboot.engine.internal.text.Utf8Validator;
import org.jspecify.annotations.Nullable;

/**
 * Puts data frames together into messages (RFC 6455 §5.4), checks the message size and
 * validates text as UTF-8 while it arrives (§8.1), and passes compressed messages through
 * the negotiated extension (§9). The transport forwards a
 * {@link io.wsboot.engine.internal.frame.FrameDecoder FrameDecoder}'s callbacks for data
 * frames (text, binary, continuation) here, and handles control frames itself.
 *
 * <p>
 * Each completed message is delivered with exactly one {@link MessageListener#onText} or
 * {@link MessageListener#onBinary} call at the end of its final frame. The payload may be
 * given still masked ({@link #maskedPayload}), and is then unmasked in the copy that is
 * made anyway, not in the read buffer first. A message in a single frame whose payload
 * arrives in one chunk is copied straight into the array delivered (binary) or into a
 * scratch array shared by the event loop, then decoded (text). Otherwise the bytes are
 * gathered in a buffer that starts at the declared length of the first frame and grows
 * geometrically, never past {@code maxMessageBytes}, and is let go after the message.
 *
 * <p>
 * <b>UTF-8 (RFC 6455 §8.1).</b> A text message in one chunk is decoded first, with the
 * JDK's intrinsic decoder that replaces every malformed sequence (overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences) with U+FFFD; only when the
 * decoded text contains U+FFFD is the {@link Utf8Validator} run, to tell a U+FFFD that
 * was sent from invalid input. A fragmented or compressed message is validated
 * incrementally as its bytes arrive, so that invalid text fails at its first invalid
 * byte, without waiting for the final fragment.
 *
 * <p>
 * <b>Extension contract.</b> When an {@link ExtensionCodec} is set and the first frame of
 * a message carries one of its {@link ExtensionCodec#rsvMask() RSV bits}, the payload of
 * every frame of that message goes through the codec's
 * {@link ExtensionCodec#decode(ByteBuffer, boolean, PayloadSink) decode}:
 * <ul>
 * <li>{@code decode} is called once per non-empty payload chunk, in order, however the
 * frames were split into chunks; frame boundaries are not visible to the codec;</li>
 * <li>{@code fin} is {@code false} except on the chunk that completes the final frame
 * (FIN set) of the message. When the final frame has no payload,
 * {@code decode(emptyBuffer, true, sink)} is called at its end instead. So {@code fin} is
 * {@code true} exactly once per message, on the last call, and that is the only call that
 * may carry an empty buffer;</li>
 * <li>the chunk is valid only during the call;</li>
 * <li>{@link PayloadSink#write(ByteBuffer) sink.write(bytes)} copies the remaining bytes
 * and moves the position to the limit. It throws 1009 as soon as the decoded message
 * exceeds {@code maxMessageBytes}, and 1007 at the first invalid UTF-8 byte of text;</li>
 * <li>the codec is the one set when the message's first frame arrived, even if
 * {@link #setExtension} is called in the middle of the message.</li>
 * </ul>
 *
 * <p>
 * After a {@link WsProtocolException} the message in progress is discarded; the
 * connection is to be failed with the exception's close status. Not thread-safe; one
 * assembler per connection.
 *
 * @author wsboot
 */
public final class MessageAssembler {

	/** Largest array the JVM reliably allocates. */
	private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private static final char REPLACEMENT_CHARACTER = '\uFFFD';

	private final int maxMessageBytes;

	private final MessageListener listener;

	/** Created for the first text that needs it, so that idle connections hold none. */
	private @Nullable Utf8Validator utf8;

	private final MessageBuffer buffer;

	private final TextScratch textScratch;

	/** Created with the first extension. */
	private @Nullable PayloadSink decodedSink;

	private @Nullable ExtensionCodec extension;

	// the message in progress

	private boolean messageInProgress;

	private boolean text;

	private boolean singleFrame;

	private @Nullable ExtensionCodec messageCodec;

	private boolean finDecoded;

	/**
	 * Bytes counted against the limit: declared payload, or decoded bytes if compressed.
	 */
	private long messageBytes;

	private long lastMessageBytes;

	private @Nullable String completeText;

	private @Nullable ByteBuffer completeBinary;

	/** Whether binary messages may be delivered as views of the chunk. */
	private boolean borrowBinary;

	/** Whether {@link #completeBinary} is a view of the chunk. */
	private boolean binaryBorrowed;

	private boolean lastBinaryBorrowed;

	// the frame in progress

	private boolean frameFin;

	private long frameLength;

	private long frameReceived;

	/**
	 * Create an assembler.
	 * @param maxMessageBytes the largest message, decoded if compressed; a larger one
	 * fails with 1009
	 * @param listener the receiver of complete messages
	 */
	public MessageAssembler(long maxMessageBytes, MessageListener listener) {
		this(maxMessageBytes, listener, new TextScratch());
	}

	/**
	 * Create an assembler that decodes text in an array shared with other assemblers used
	 * by the same thread.
	 * @param maxMessageBytes the largest message, decoded if compressed; a larger one
	 * fails with 1009
	 * @param listener the receiver of complete messages
	 * @param textScratch the array for text that arrives whole, shared by the connections
	 * of one event loop
	 */
	public MessageAssembler(long maxMessageBytes, MessageListener listener, TextScratch textScratch) {
		if (maxMessageBytes <= 0 || maxMessageBytes > MAX_ARRAY_BYTES) {
			throw new IllegalArgumentException(
					"maxMessageBytes must be between 1 and " + MAX_ARRAY_BYTES + " but was " + maxMessageBytes);
		}
		this.maxMessageBytes = (int) maxMessageBytes;
		this.listener = listener;
		this.buffer = new MessageBuffer(this.maxMessageBytes);
		this.textScratch = textScratch;
	}

	/**
	 * Set the negotiated extension that decodes messages carrying its RSV bits; it
	 * applies from the next message on.
	 * @param codec the extension's codec, or {@code null} for none
	 */
	public void setExtension(@Nullable ExtensionCodec codec) {
		this.extension = codec;
	}

	/**
	 * Allow a binary message that arrives unfragmented, uncompressed and in one chunk to
	 * be delivered as a view of that chunk, unmasked in place, instead of a copy: the
	 * listener may use it only during the call.
	 * @param borrow whether binary messages may be borrowed views
	 */
	public void setBorrowBinary(boolean borrow) {
		this.borrowBinary = borrow;
	}

	/**
	 * Whether the last binary message delivered was a view of the chunk it arrived in,
	 * valid only during the listener's call.
	 * @return {@code true} for a borrowed view
	 */
	public boolean lastBinaryBorrowed() {
		return this.lastBinaryBorrowed;
	}

	/**
	 * Return the size of the last delivered message as the application saw it (after an
	 * extension decoded it).
	 * @return bytes
	 */
	public long lastMessageBytes() {
		return this.lastMessageBytes;
	}

	/**
	 * Whether a message has started and its final frame has not ended yet.
	 * @return {@code true} between the first frame's start and the final frame's end
	 */
	public boolean isMessageInProgress() {
		return this.messageInProgress;
	}

	/**
	 * Start a data frame.
	 * @param fin whether this is the final frame of the message
	 * @param rsv the RSV bits as a mask of the first header byte
	 * @param opCode {@link OpCode#TEXT}, {@link OpCode#BINARY} or
	 * {@link OpCode#CONTINUATION}
	 * @param payloadLength the declared payload length
	 * @throws WsProtocolException with 1002 when the frame breaks fragmentation rules or
	 * has RSV bits no extension claims, with 1009 when the message gets too big
	 */
	public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) throws WsProtocolException {
		if (opCode.isControl()) {
			throw new IllegalArgumentException("control frame " + opCode + " is not part of a message");
		}
		if (payloadLength < 0) {
			throw new IllegalArgumentException("payloadLength must not be negative but was " + payloadLength);
		}
		try {
			if (opCode == OpCode.CONTINUATION) {
				// RFC 6455 §5.4: a continuation frame continues a started message
				if (!this.messageInProgress) {
					throw protocolError("received continuation frame with no message in progress");
				}
				// RFC 7692 §6.1: only a message's first frame carries its RSV bits
				if (rsv != 0) {
					throw protocolError("received continuation frame with RSV bits 0x" + Integer.toHexString(rsv));
				}
			}
			else {
				// RFC 6455 §5.4: the fragments of two messages MUST NOT interleave
				if (this.messageInProgress) {
					throw protocolError("received " + opCode + " frame while a fragmented message is in progress");
				}
				startMessage(fin, rsv, opCode);
			}
			this.frameFin = fin;
			this.frameLength = payloadLength;
			this.frameReceived = 0;
			if (this.messageCodec == null) {
				// the whole frame counts before any of it is buffered
				checkSize(this.messageBytes + payloadLength);
				this.messageBytes += payloadLength;
			}
		}
		catch (RuntimeException ex) {
			discardMessage();
			throw ex;
		}
	}

	/**
	 * Add the next chunk of the current frame's payload.
	 * @param chunk the unmasked bytes, between position and limit, valid only during the
	 * call; the extension, if any, may move its position
	 * @throws WsProtocolException with 1007 at the first invalid UTF-8 byte of a text
	 * message, with 1009 when a compressed message decodes to too many bytes, or the
	 * extension's own exception
	 */
	public void payload(ByteBuffer chunk) throws WsProtocolException {
		// a zero key leaves the bytes as they are
		maskedPayload(chunk, 0, 0);
	}

	/**
	 * Add the next chunk of the current frame's payload, still masked (RFC 6455 §5.3): it
	 * is unmasked while it is copied, or in place when an extension decodes it.
	 * @param chunk the masked bytes, between position and limit, valid only during the
	 * call; writable when the message is compressed
	 * @param maskKey the frame's masking key
	 * @param frameOffset the offset of the chunk's first byte within the frame's payload
	 * @throws WsProtocolException with 1007 at the first invalid UTF-8 byte of a text
	 * message, with 1009 when a compressed message decodes to too many bytes, or the
	 * extension's own exception
	 */
	public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) throws WsProtocolException {
		int chunkLength = chunk.remaining();
		if (!this.messageInProgress || this.frameReceived + chunkLength > this.frameLength) {
			throw new IllegalStateException("received " + chunkLength + " bytes beyond the frame's declared length "
					+ this.frameLength + " (or outside a frame)");
		}
		if (chunkLength == 0) {
			return;
		}
		try {
			boolean wholeFrame = this.frameReceived == 0 && chunkLength == this.frameLength;
			this.frameReceived += chunkLength;
			ExtensionCodec codec = this.messageCodec;
			if (codec != null) {
				if (maskKey != 0) {
					Masking.mask(chunk, chunk.position(), chunk.limit(), maskKey, frameOffset);
				}
				boolean fin = this.frameFin && this.frameReceived == this.frameLength;
				this.finDecoded = fin;
				codec.decode(chunk, fin, decodedSink());
				return;
			}
			if (this.singleFrame && wholeFrame) {
				keepWholeMessage(chunk, maskKey, frameOffset);
				return;
			}
			// the declared lengths so far, checked in frameStart, bound the message
			int start = this.buffer.appendMasked(chunk, maskKey, frameOffset, (int) this.messageBytes);
			// RFC 6455 §8.1: invalid UTF-8 fails the connection; checked as the bytes
			// arrive, so that a fragmented message fails at its first invalid byte
			if (this.text && !utf8().update(this.buffer.array(), start, start + chunkLength)) {
				throw invalidUtf8();
			}
		}
		catch (RuntimeException ex) {
			discardMessage();
			throw ex;
		}
	}

	/**
	 * End the current frame; at the end of the final frame, deliver the message.
	 * @throws WsProtocolException with 1007 when a text message ends inside a UTF-8
	 * sequence, or when the extension throws it
	 */
	public void frameEnd() throws WsProtocolException {
		if (!this.messageInProgress || this.frameReceived != this.frameLength) {
			throw new IllegalStateException("frame ended after " + this.frameReceived + " of its " + this.frameLength
					+ " payload bytes (or outside a frame)");
		}
		if (!this.frameFin) {
			return;
		}
		try {
			ExtensionCodec codec = this.messageCodec;
			if (codec != null && !this.finDecoded) {
				this.finDecoded = true;
				codec.decode(EMPTY.duplicate(), true, decodedSink());
			}
			// RFC 6455 §8.1: a text message must end on a complete UTF-8 sequence
			Utf8Validator utf8 = this.utf8;
			if (this.text && utf8 != null && !utf8.isComplete()) {
				throw incompleteUtf8();
			}
		}
		catch (RuntimeException ex) {
			discardMessage();
			throw ex;
		}
		deliver();
	}

	private void startMessage(boolean fin, int rsv, OpCode opCode) {
		ExtensionCodec codec = this.extension;
		int extensionRsv = (codec != null) ? (rsv & codec.rsvMask()) : 0;
		// RFC 6455 §5.2: RSV bits are only allowed with an extension that defines them
		if (rsv != extensionRsv) {
			throw protocolError("received " + opCode + " frame with RSV bits 0x" + Integer.toHexString(rsv)
					+ " that no extension claims");
		}
		this.messageInProgress = true;
		this.text = opCode == OpCode.TEXT;
		this.singleFrame = fin;
		this.messageCodec = (extensionRsv != 0) ? codec : null;
		this.finDecoded = false;
		this.messageBytes = 0;
		Utf8Validator utf8 = this.utf8;
		if (utf8 != null) {
			utf8.reset();
		}
	}

	private void appendDecoded(ByteBuffer bytes) {
		int count = bytes.remaining();
		if (count == 0) {
			return;
		}
		checkSize(this.messageBytes + count);
		this.messageBytes += count;
		// RFC 6455 §8.1: decoded text must be UTF-8, checked as the bytes are produced
		if (this.text && !utf8().update(bytes)) {
			throw invalidUtf8();
		}
		this.buffer.append(bytes, (int) this.messageBytes);
		bytes.position(bytes.limit());
	}

	private void checkSize(long size) {
		if (size > this.maxMessageBytes) {
			throw new WsProtocolException(CloseStatus.MESSAGE_TOO_BIG, "received " + (this.text ? "text" : "binary")
					+ " message of more than " + this.maxMessageBytes + " bytes (at least " + size + ")");
		}
	}

	/**
	 * Keep an unfragmented message that arrived in one chunk, unmasking it as it is
	 * copied: into the delivered array for binary, into the scratch array for text.
	 */
	private void keepWholeMessage(ByteBuffer chunk, int maskKey, long frameOffset) {
		int count = chunk.remaining();
		int from = chunk.position();
		if (!this.text) {
			if (this.borrowBinary) {
				// the chunk is a view of the read buffer that the transport lends to the
				// handler for the call: unmasked in place, no array per message
				Masking.mask(chunk, from, from + count, maskKey, frameOffset);
				this.completeBinary = chunk.slice(from, count);
				this.binaryBorrowed = true;
				return;
			}
			byte[] data = new byte[count];
			Masking.maskInto(chunk, from, from + count, data, 0, maskKey, frameOffset);
			this.completeBinary = ByteBuffer.wrap(data);
			return;
		}
		byte[] bytes = this.textScratch.array(count);
		Masking.maskInto(chunk, from, from + count, bytes, 0, maskKey, frameOffset);
		String decoded = new String(bytes, 0, count, StandardCharsets.UTF_8);
		// RFC 6455 §8.1: invalid UTF-8 fails the connection. The decoder turned any
		// malformed input into U+FFFD, so only text that contains one needs a check
		if (decoded.indexOf(REPLACEMENT_CHARACTER) >= 0) {
			Utf8Validator utf8 = utf8();
			if (!utf8.update(bytes, 0, count)) {
				throw invalidUtf8();
			}
			if (!utf8.isComplete()) {
				throw incompleteUtf8();
			}
		}
		this.completeText = decoded;
	}

	private void deliver() {
		boolean isText = this.text;
		String text = this.completeText;
		ByteBuffer binary = this.completeBinary;
		if (isText && text == null) {
			text = this.buffer.toText();
		}
		else if (!isText && binary == null) {
			binary = this.buffer.takeBinary();
		}
		this.lastMessageBytes = this.messageBytes;
		this.lastBinaryBorrowed = !isText && this.binaryBorrowed;
		discardMessage();
		if (isText) {
			this.listener.onText(text);
		}
		else {
			this.listener.onBinary(binary);
		}
	}

	private void discardMessage() {
		this.messageInProgress = false;
		this.messageCodec = null;
		this.completeText = null;
		this.completeBinary = null;
		this.binaryBorrowed = false;
		this.messageBytes = 0;
		this.frameLength = 0;
		this.frameReceived = 0;
		this.buffer.clear();
	}

	private WsProtocolException invalidUtf8() {
		return new WsProtocolException(CloseStatus.INVALID_PAYLOAD,
				"received invalid UTF-8 at byte " + utf8().invalidByteOffset() + " of a text message");
	}

	private Utf8Validator utf8() {
		Utf8Validator utf8 = this.utf8;
		if (utf8 == null) {
			utf8 = new Utf8Validator();
			this.utf8 = utf8;
		}
		return utf8;
	}

	private PayloadSink decodedSink() {
		PayloadSink sink = this.decodedSink;
		if (sink == null) {
			sink = this::appendDecoded;
			this.decodedSink = sink;
		}
		return sink;
	}

	private static WsProtocolException incompleteUtf8() {
		return new WsProtocolException(CloseStatus.INVALID_PAYLOAD,
				"received text message ending inside a UTF-8 sequence");
	}

	private static WsProtocolException protocolError(String message) {
		return new WsProtocolException(CloseStatus.PROTOCOL_ERROR, message);
	}

}
