package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import org.jspecify.annotations.Nullable;

/**
 * A streaming decoder of the frames a client sends (RFC 6455 §5.2), which has this
 * layout:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * :                     Payload Data continued ...                :
 * + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
 * |                     Payload Data continued ...                |
 * +---------------------------------------------------------------+
 * </pre>
 *
 * <p>
 * The decoder keeps the header bytes read so far (a state and a cursor) and the masking
 * key between calls, so a header may be split at any byte and the caller never has to
 * keep bytes back; a header that is whole in the buffer, the usual case, is read in one
 * step. The frames are reported to a {@link FrameSink}:
 * <ul>
 * <li>data frames (text, binary, continuation): {@code frameStart} as soon as the header
 * is complete, then one {@link FrameSink#maskedPayload maskedPayload} call per piece of
 * payload as it arrives, still masked, with the key and the offset to unmask it at (the
 * sink unmasks it while copying it, or in place), then {@code frameEnd}; a zero-length
 * data frame gets {@code frameStart} and {@code frameEnd} with no payload call in
 * between;</li>
 * <li>control frames (close, ping, pong): the payload, at most 125 bytes, is unmasked in
 * place when it is whole in the buffer, and otherwise collected in a buffer allocated for
 * that frame only; then {@code frameStart}, exactly one {@code payload} call with the
 * whole unmasked payload (possibly empty) and {@code frameEnd} are made back to
 * back.</li>
 * </ul>
 *
 * <p>
 * Each header field is checked as soon as its bytes have arrived, before any callback and
 * before a single payload byte is looked at; a violation throws a
 * {@link WsProtocolException} with 1002, or 1009 when the declared length exceeds the
 * limit. A length is compared with the limit as a number, so a declared length of
 * 2<sup>63</sup>-1 costs nothing. Lengths that are not minimally encoded (such as 5 in
 * the 16-bit field) are accepted: §5.2 says the minimal number of bytes MUST be used by
 * the sender but does not require the receiver to check it, and Jetty and Netty accept
 * them too. Consequently a control frame's length is checked against 125 once its
 * extended length has been read, not from the 7-bit field alone.
 *
 * <p>
 * After any exception, from a check or from the sink, the decoder is failed and must not
 * be used again: the connection is to be failed. Not thread-safe; one decoder per
 * connection.
 *
 * @author wsboot
 */
public final class FrameDecoder {

	private static final int FIN_BIT = 0x80; // 1000_0000

	private static final int RSV_BITS = 0x70; // 0111_0000

	private static final int OPCODE_BITS = 0x0F; // 0000_1111

	private static final int MASK_BIT = 0x80; // 1000_0000

	private static final int LENGTH_BITS = 0x7F; // 0111_1111

	private static final int LENGTH_16_BIT_MARKER = 126;

	private static final int LENGTH_64_BIT_MARKER = 127;

	private static final int LENGTH_16_BIT_BYTES = 2;

	private static final int LENGTH_64_BIT_BYTES = 8;

	private static final int MASKING_KEY_BYTES = 4;

	/** First and second byte plus the masking key: the shortest client frame header. */
	private static final int MIN_HEADER_BYTES = 2 + MASKING_KEY_BYTES;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final long maxFramePayloadBytes;

	private int allowedRsvMask;

	/**
	 * A control frame's payload collected across reads; only while such a frame is split.
	 */
	private @Nullable ByteBuffer controlPayload;

	private State state = State.FIRST_BYTE;

	/**
	 * Bytes still expected in {@link State#EXTENDED_LENGTH} or {@link State#MASKING_KEY}.
	 */
	private int cursor;

	private boolean fin;

	private int rsv;

	private OpCode opCode = OpCode.CONTINUATION;

	private long payloadLength;

	private int maskKey;

	/** Payload bytes of the current frame already passed on, the offset for unmasking. */
	private long payloadOffset;

	/**
	 * Create a decoder.
	 * @param maxFramePayloadBytes the largest payload a frame may declare; a larger one
	 * fails with 1009
	 * @param allowedRsvMask the RSV bits that data frames may carry, as a mask of the
	 * first header byte (0 until an extension is negotiated)
	 */
	public FrameDecoder(long maxFramePayloadBytes, int allowedRsvMask) {
		if (maxFramePayloadBytes <= 0) {
			throw new IllegalArgumentException("maxFramePayloadBytes must be positive but was " + maxFramePayloadBytes);
		}
		this.maxFramePayloadBytes = maxFramePayloadBytes;
		setAllowedRsvMask(allowedRsvMask);
	}

	/**
	 * Set the RSV bits that data frames may carry, once an extension has been negotiated.
	 * Control frames may never carry any.
	 * @param mask the RSV bits, as a mask of the first header byte such as
	 * {@link Frame#RSV1}
	 */
	public void setAllowedRsvMask(int mask) {
		if ((mask & ~RSV_BITS) != 0) {
			throw new IllegalArgumentException(
					"mask must only have RSV1-3 bits but was 0x" + Integer.toHexString(mask));
		}
		this.allowedRsvMask = mask;
	}

	/**
	 * Whether the decoder is between frames: no byte of a next frame has been read yet.
	 * @return {@code true} before the first byte of a frame
	 */
	public boolean isAtFrameBoundary() {
		return this.state == State.FIRST_BYTE;
	}

	/**
	 * Consume bytes until the buffer is empty or one frame has ended, reporting to the
	 * sink. The caller loops while bytes remain. A control frame's payload is unmasked in
	 * place, and so is a data frame's when the sink does not unmask it while copying, so
	 * the buffer must be writable.
	 * @param in the received bytes, between position and limit; the position is moved
	 * past the bytes consumed
	 * @param sink the receiver of the frame callbacks
	 * @return {@code true} when a frame ended during this call
	 * @throws WsProtocolException when a frame breaks RFC 6455 (1002) or exceeds the
	 * frame limit (1009), or when the sink throws it
	 */
	public boolean decode(ByteBuffer in, FrameSink sink) throws WsProtocolException {
		if (this.state == State.FAILED) {
			throw new IllegalStateException("the decoder failed on an earlier frame");
		}
		try {
			while (in.hasRemaining()) {
				switch (this.state) {
					case FIRST_BYTE -> {
						int headerBytes = completeHeaderBytes(in);
						if (headerBytes == 0) {
							readFirstByte(in.get());
						}
						else if (readHeader(in, headerBytes, sink)) {
							return true;
						}
					}
					case SECOND_BYTE -> readSecondByte(in.get());
					case EXTENDED_LENGTH -> readExtendedLength(in.get());
					case MASKING_KEY -> {
						if (readMaskingKey(in.get(), sink)) {
							return true;
						}
					}
					case PAYLOAD -> {
						if (readPayload(in, sink)) {
							return true;
						}
					}
					case CONTROL_PAYLOAD -> {
						if (readControlPayload(in, sink)) {
							return true;
						}
					}
					default -> throw new IllegalStateException("unexpected state " + this.state);
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			this.state = State.FAILED;
			throw ex;
		}
	}

	/**
	 * Return the length of the frame header at the buffer's position when all of it is
	 * there, so that it can be read in one step.
	 * @return the header length, 6 to 14 bytes, or 0 when the header is not complete
	 */
	private static int completeHeaderBytes(ByteBuffer in) {
		int position = in.position();
		int available = in.limit() - position;
		if (available < MIN_HEADER_BYTES) {
			return 0;
		}
		int length = in.get(position + 1) & LENGTH_BITS;
		int headerBytes = MIN_HEADER_BYTES;
		if (length == LENGTH_16_BIT_MARKER) {
			headerBytes += LENGTH_16_BIT_BYTES;
		}
		else if (length == LENGTH_64_BIT_MARKER) {
			headerBytes += LENGTH_64_BIT_BYTES;
		}
		return (available >= headerBytes) ? headerBytes : 0;
	}

	/**
	 * Read a whole header, with the same checks in the same order as byte by byte.
	 * @return {@code true} when the frame ended (a zero-length or control frame)
	 */
	private boolean readHeader(ByteBuffer in, int headerBytes, FrameSink sink) {
		int position = in.position();
		readFirstByte(in.get(position));
		byte second = in.get(position + 1);
		// RFC 6455 §5.1: the server MUST close the connection on an unmasked client frame
		if ((second & MASK_BIT) == 0) {
			throw protocolError("received unmasked " + this.opCode + " frame");
		}
		int index = position + 2;
		long length = second & LENGTH_BITS;
		if (length == LENGTH_16_BIT_MARKER) {
			length = ((in.get(index) & 0xFF) << Byte.SIZE) | (in.get(index + 1) & 0xFF);
		}
		else if (length == LENGTH_64_BIT_MARKER) {
			// RFC 6455 §5.2: the most significant bit of a 64-bit length MUST be 0
			if ((in.get(index) & 0x80) != 0) { // 1000_0000
				throw protocolError("received 64-bit payload length with the most significant bit set");
			}
			length = bigEndianLong(in, index);
		}
		this.payloadLength = length;
		checkLength();
		int keyIndex = position + headerBytes - MASKING_KEY_BYTES;
		this.maskKey = (in.order() == ByteOrder.BIG_ENDIAN) ? in.getInt(keyIndex)
				: Integer.reverseBytes(in.getInt(keyIndex));
		in.position(position + headerBytes);
		return headerComplete(sink);
	}

	private static long bigEndianLong(ByteBuffer in, int index) {
		long value = in.getLong(index);
		return (in.order() == ByteOrder.BIG_ENDIAN) ? value : Long.reverseBytes(value);
	}

	private void readFirstByte(byte value) {
		this.fin = (value & FIN_BIT) != 0;
		this.rsv = value & RSV_BITS;
		int code = value & OPCODE_BITS;
		OpCode received = OpCode.fromCode(code);
		// RFC 6455 §5.2: a reserved opcode (%x3-7, %xB-F) MUST fail the connection
		if (received == null) {
			throw protocolError("received frame with reserved opcode 0x" + Integer.toHexString(code));
		}
		this.opCode = received;
		if (received.isControl()) {
			// RFC 6455 §5.2, RFC 7692 §6.1: no extension gives control frames RSV bits
			if (this.rsv != 0) {
				throw protocolError("received " + received + " frame with " + rsvNames(this.rsv) + " set");
			}
			// RFC 6455 §5.5: control frames MUST NOT be fragmented
			if (!this.fin) {
				throw protocolError("received fragmented control frame (" + received + " with FIN=0)");
			}
		}
		else if ((this.rsv & ~this.allowedRsvMask) != 0) {
			// RFC 6455 §5.2: an RSV bit no extension defines MUST fail the connection
			throw protocolError("received " + received + " frame with " + rsvNames(this.rsv & ~this.allowedRsvMask)
					+ " set but no extension negotiated it");
		}
		this.state = State.SECOND_BYTE;
	}

	private void readSecondByte(byte value) {
		// RFC 6455 §5.1: the server MUST close the connection on an unmasked client frame
		if ((value & MASK_BIT) == 0) {
			throw protocolError("received unmasked " + this.opCode + " frame");
		}
		int length = value & LENGTH_BITS;
		this.payloadLength = 0;
		if (length == LENGTH_16_BIT_MARKER) {
			this.cursor = LENGTH_16_BIT_BYTES;
			this.state = State.EXTENDED_LENGTH;
		}
		else if (length == LENGTH_64_BIT_MARKER) {
			this.cursor = LENGTH_64_BIT_BYTES;
			this.state = State.EXTENDED_LENGTH;
		}
		else {
			this.payloadLength = length;
			lengthComplete();
		}
	}

	private void readExtendedLength(byte value) {
		// RFC 6455 §5.2: the most significant bit of a 64-bit length MUST be 0
		if (this.cursor == LENGTH_64_BIT_BYTES && (value & 0x80) != 0) { // 1000_0000
			throw protocolError("received 64-bit payload length with the most significant bit set");
		}
		this.payloadLength = (this.payloadLength << Byte.SIZE) | (value & 0xFF);
		if (--this.cursor == 0) {
			lengthComplete();
		}
	}

	private void lengthComplete() {
		checkLength();
		this.maskKey = 0;
		this.cursor = MASKING_KEY_BYTES;
		this.state = State.MASKING_KEY;
	}

	private void checkLength() {
		// RFC 6455 §5.5: control frames carry at most 125 bytes of payload
		if (this.opCode.isControl() && this.payloadLength > Frame.MAX_CONTROL_PAYLOAD_BYTES) {
			throw protocolError(
					"received control frame with " + this.payloadLength + "-byte payload (" + this.opCode + ")");
		}
		if (this.payloadLength > this.maxFramePayloadBytes) {
			throw new WsProtocolException(CloseStatus.MESSAGE_TOO_BIG, "received " + this.opCode + " frame with "
					+ this.payloadLength + "-byte payload, limit is " + this.maxFramePayloadBytes + " bytes");
		}
	}

	private boolean readMaskingKey(byte value, FrameSink sink) {
		this.maskKey = (this.maskKey << Byte.SIZE) | (value & 0xFF);
		if (--this.cursor > 0) {
			return false;
		}
		return headerComplete(sink);
	}

	/**
	 * Start the payload once the header has been read and checked.
	 * @return {@code true} when the frame ended (a zero-length or control frame)
	 */
	private boolean headerComplete(FrameSink sink) {
		this.payloadOffset = 0;
		if (this.opCode.isControl()) {
			this.controlPayload = null;
			if (this.payloadLength == 0) {
				return endControlFrame(EMPTY, sink);
			}
			this.state = State.CONTROL_PAYLOAD;
			return false;
		}
		if (this.payloadLength == 0) {
			this.state = State.FIRST_BYTE;
			sink.frameStart(this.fin, this.rsv, this.opCode, 0);
			sink.frameEnd();
			return true;
		}
		this.state = State.PAYLOAD;
		sink.frameStart(this.fin, this.rsv, this.opCode, this.payloadLength);
		return false;
	}

	private boolean readPayload(ByteBuffer in, FrameSink sink) {
		int start = in.position();
		int limit = in.limit();
		int length = (int) Math.min(limit - start, this.payloadLength - this.payloadOffset);
		int end = start + length;
		long frameOffset = this.payloadOffset;
		this.payloadOffset += length;
		boolean ended = this.payloadOffset == this.payloadLength;
		if (ended) {
			this.state = State.FIRST_BYTE;
		}
		// the caller's buffer itself, narrowed to this frame: no view to allocate
		in.limit(end);
		try {
			sink.maskedPayload(in, this.maskKey, frameOffset);
		}
		finally {
			in.limit(limit).position(end);
		}
		if (ended) {
			sink.frameEnd();
		}
		return ended;
	}

	private boolean readControlPayload(ByteBuffer in, FrameSink sink) {
		int length = (int) this.payloadLength;
		ByteBuffer collected = this.controlPayload;
		if (collected == null) {
			int start = in.position();
			if (in.remaining() >= length) {
				// the whole payload is here: unmask it in place, no copy
				in.position(start + length);
				Masking.mask(in, start, start + length, this.maskKey, 0);
				return endControlFrame(in.slice(start, length), sink);
			}
			// split across reads: collect it, in a buffer kept for this frame only
			collected = ByteBuffer.allocate(length);
			this.controlPayload = collected;
		}
		int count = Math.min(in.remaining(), collected.remaining());
		collected.put(collected.position(), in, in.position(), count);
		collected.position(collected.position() + count);
		in.position(in.position() + count);
		if (collected.hasRemaining()) {
			return false;
		}
		this.controlPayload = null;
		collected.flip();
		Masking.mask(collected, 0, length, this.maskKey, 0);
		return endControlFrame(collected, sink);
	}

	private boolean endControlFrame(ByteBuffer payload, FrameSink sink) {
		this.state = State.FIRST_BYTE;
		sink.frameStart(this.fin, this.rsv, this.opCode, this.payloadLength);
		sink.payload(payload);
		sink.frameEnd();
		return true;
	}

	private static WsProtocolException protocolError(String message) {
		return new WsProtocolException(CloseStatus.PROTOCOL_ERROR, message);
	}

	private static String rsvNames(int rsv) {
		StringBuilder names = new StringBuilder();
		appendRsvName(names, rsv, Frame.RSV1, "RSV1");
		appendRsvName(names, rsv, Frame.RSV2, "RSV2");
		appendRsvName(names, rsv, Frame.RSV3, "RSV3");
		return names.toString();
	}

	private static void appendRsvName(StringBuilder names, int rsv, int bit, String name) {
		if ((rsv & bit) != 0) {
			names.append(names.isEmpty() ? "" : "+").append(name);
		}
	}

	private enum State {

		/** Waiting for FIN, RSV1-3 and the opcode. */
		FIRST_BYTE,

		/** Waiting for the MASK bit and the 7-bit length. */
		SECOND_BYTE,

		/** Reading the 16- or 64-bit extended length, {@code cursor} bytes to go. */
		EXTENDED_LENGTH,

		/** Reading the masking key, {@code cursor} bytes to go. */
		MASKING_KEY,

		/** Passing a data frame's payload on as it arrives. */
		PAYLOAD,

		/** Collecting a control frame's payload. */
		CONTROL_PAYLOAD,

		/** An exception was thrown; the connection is being failed. */
		FAILED

	}

}
