package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.frame.Frame;

/**
 * Encodes the headers of server-to-client frames (RFC 6455 §5.2), always with the
 * shortest length encoding and never masked (§5.1: a server MUST NOT mask the frames it
 * sends).
 *
 * @author wsboot
 */
public final class FrameEncoder {

	/** Largest payload length that fits in the 7-bit length field. */
	private static final int MAX_7_BIT_LENGTH_BYTES = 125;

	/** Largest payload length that fits in the 16-bit extended length field. */
	private static final int MAX_16_BIT_LENGTH_BYTES = 0xFFFF;

	private static final int LENGTH_16_BIT_MARKER = 126;

	private static final int LENGTH_64_BIT_MARKER = 127;

	private static final int FIN_BIT = 0x80; // 1000_0000

	private static final int RSV_BITS = 0x70; // 0111_0000

	private FrameEncoder() {
	}

	/**
	 * Return the length of the header of an unmasked frame.
	 * @param payloadLength the payload length
	 * @return 2, 4 or 10
	 */
	public static int headerLength(long payloadLength) {
		checkLength(payloadLength);
		if (payloadLength <= MAX_7_BIT_LENGTH_BYTES) {
			return 2;
		}
		return (payloadLength <= MAX_16_BIT_LENGTH_BYTES) ? 4 : 10;
	}

	/**
	 * Write the header of an unmasked frame at the buffer's position, moving it past the
	 * header.
	 * @param dst the buffer, with at least {@link #headerLength(long)} bytes remaining
	 * @param fin whether this is the final fragment of a message
	 * @param rsv the RSV bits as a mask of the first header byte
	 * @param opCode the opcode
	 * @param payloadLength the payload length
	 * @throws IllegalArgumentException when {@code rsv} has bits outside RSV1-3 or a
	 * control frame is fragmented or longer than 125 bytes
	 */
	public static void writeHeader(ByteBuffer dst, boolean fin, int rsv, OpCode opCode, long payloadLength) {
		writeHeader(dst, firstByte(fin, rsv, opCode, payloadLength), payloadLength);
	}

	/**
	 * Check the fields of a frame header and return its first byte, so that the header
	 * can be encoded later with {@link #writeHeader(ByteBuffer, int, long)}.
	 * @param fin whether this is the final fragment of a message
	 * @param rsv the RSV bits as a mask of the first header byte
	 * @param opCode the opcode
	 * @param payloadLength the payload length
	 * @return the FIN bit, RSV bits and opcode in one byte
	 * @throws IllegalArgumentException when {@code rsv} has bits outside RSV1-3 or a
	 * control frame is fragmented or longer than 125 bytes
	 */
	public static int firstByte(boolean fin, int rsv, OpCode opCode, long payloadLength) {
		checkLength(payloadLength);
		if ((rsv & ~RSV_BITS) != 0) {
			throw new IllegalArgumentException("rsv must only have RSV1-3 bits but was 0x" + Integer.toHexString(rsv));
		}
		if (opCode.isControl()) {
			// RFC 6455 §5.5: control frames MUST NOT be fragmented and carry at most 125
			// bytes
			if (!fin) {
				throw new IllegalArgumentException("control frame " + opCode + " must have FIN set");
			}
			if (payloadLength > Frame.MAX_CONTROL_PAYLOAD_BYTES) {
				throw new IllegalArgumentException(
						"control frame " + opCode + " cannot carry a " + payloadLength + "-byte payload");
			}
		}
		return (fin ? FIN_BIT : 0) | rsv | opCode.code();
	}

	/**
	 * Write the header of an unmasked frame whose fields were checked by
	 * {@link #firstByte}, at the buffer's position, moving it past the header. Allocates
	 * nothing, so that a header can be encoded straight into a write buffer.
	 * @param dst the buffer, with at least {@link #headerLength(long)} bytes remaining
	 * @param firstByte the first header byte from {@link #firstByte}
	 * @param payloadLength the payload length, not negative
	 */
	public static void writeHeader(ByteBuffer dst, int firstByte, long payloadLength) {
		dst.put((byte) firstByte);
		// RFC 6455 §5.2: the minimal number of bytes MUST be used to encode the length
		if (payloadLength <= MAX_7_BIT_LENGTH_BYTES) {
			dst.put((byte) payloadLength);
		}
		else if (payloadLength <= MAX_16_BIT_LENGTH_BYTES) {
			dst.put((byte) LENGTH_16_BIT_MARKER);
			putBigEndian(dst, payloadLength, 2);
		}
		else {
			dst.put((byte) LENGTH_64_BIT_MARKER);
			putBigEndian(dst, payloadLength, 8);
		}
	}

	// RFC 6455 §5.2: multibyte lengths are in network byte order, whatever dst.order() is
	private static void putBigEndian(ByteBuffer dst, long value, int bytes) {
		for (int shift = (bytes - 1) * Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
			dst.put((byte) (value >>> shift));
		}
	}

	/**
	 * Return the header of an unmasked frame in a new heap buffer.
	 * @param fin whether this is the final fragment of a message
	 * @param rsv the RSV bits as a mask of the first header byte
	 * @param opCode the opcode
	 * @param payloadLength the payload length
	 * @return the header, flipped and ready to be written
	 */
	public static ByteBuffer header(boolean fin, int rsv, OpCode opCode, long payloadLength) {
		ByteBuffer header = ByteBuffer.allocate(headerLength(payloadLength));
		writeHeader(header, fin, rsv, opCode, payloadLength);
		return header.flip();
	}

	/**
	 * Return a whole unmasked frame, header and a copy of the payload, in a new heap
	 * buffer.
	 * @param fin whether this is the final fragment of a message
	 * @param rsv the RSV bits as a mask of the first header byte
	 * @param opCode the opcode
	 * @param payload the payload, its remaining bytes; its position is not moved
	 * @return the frame, flipped and ready to be written
	 */
	public static ByteBuffer frame(boolean fin, int rsv, OpCode opCode, ByteBuffer payload) {
		int payloadLength = payload.remaining();
		ByteBuffer frame = ByteBuffer.allocate(headerLength(payloadLength) + payloadLength);
		writeHeader(frame, fin, rsv, opCode, payloadLength);
		frame.put(payload.duplicate());
		return frame.flip();
	}

	private static void checkLength(long payloadLength) {
		// RFC 6455 §5.2: the most significant bit of a 64-bit length MUST be 0
		if (payloadLength < 0) {
			throw new IllegalArgumentException("payloadLength must not be negative but was " + payloadLength);
		}
	}

}
