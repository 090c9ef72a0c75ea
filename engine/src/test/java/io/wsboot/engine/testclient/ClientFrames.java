package io.wsboot.engine.testclient;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Builds client frames byte by byte (RFC 6455 §5.2), written independently of the
 * engine's own codec so that the conformance suite never checks the engine against
 * itself. Every builder masks with a fresh random key unless told otherwise (§5.3).
 *
 * @author wsboot
 */
public final class ClientFrames {

	/** Opcode %x0, continuation. */
	public static final int CONTINUATION = 0x0;

	/** Opcode %x1, text. */
	public static final int TEXT = 0x1;

	/** Opcode %x2, binary. */
	public static final int BINARY = 0x2;

	/** Opcode %x8, close. */
	public static final int CLOSE = 0x8;

	/** Opcode %x9, ping. */
	public static final int PING = 0x9;

	/** Opcode %xA, pong. */
	public static final int PONG = 0xA;

	/** The RSV1 bit of the first header byte. */
	public static final int RSV1 = 0x40; // 0100_0000

	/** The RSV2 bit of the first header byte. */
	public static final int RSV2 = 0x20; // 0010_0000

	/** The RSV3 bit of the first header byte. */
	public static final int RSV3 = 0x10; // 0001_0000

	private static final int FIN = 0x80; // 1000_0000

	private static final int MASK = 0x80; // 1000_0000

	private static final int MASK_KEY_BYTES = 4;

	private ClientFrames() {
	}

	/**
	 * Return a fresh random masking key (RFC 6455 §5.3).
	 * @return four random bytes
	 */
	public static byte[] randomMaskKey() {
		byte[] key = new byte[MASK_KEY_BYTES];
		ThreadLocalRandom.current().nextBytes(key);
		return key;
	}

	/**
	 * Build a masked frame with a random key.
	 * @param fin whether the FIN bit is set
	 * @param rsv the reserved bits, as a mask of the first byte ({@link #RSV1}...)
	 * @param opcode the 4-bit opcode, reserved values included
	 * @param payload the payload, unmasked
	 * @return the frame bytes
	 */
	public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
		return frame(fin, rsv, opcode, payload, randomMaskKey());
	}

	/**
	 * Build a frame with the given masking key, or an unmasked one.
	 * @param fin whether the FIN bit is set
	 * @param rsv the reserved bits, as a mask of the first byte
	 * @param opcode the 4-bit opcode
	 * @param payload the payload, unmasked
	 * @param maskKey the four key bytes, or {@code null} to send the frame unmasked
	 * @return the frame bytes
	 */
	public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte @Nullable [] maskKey) {
		byte[] header = header(fin, rsv, opcode, payload.length, maskKey);
		byte[] frame = new byte[header.length + payload.length];
		System.arraycopy(header, 0, frame, 0, header.length);
		for (int i = 0; i < payload.length; i++) {
			frame[header.length + i] = (maskKey != null) ? (byte) (payload[i] ^ maskKey[i % MASK_KEY_BYTES])
					: payload[i];
		}
		return frame;
	}

	/**
	 * Build only the header of a frame, declaring any length (even one that no payload
	 * will follow), with the minimal length encoding.
	 * @param fin whether the FIN bit is set
	 * @param rsv the reserved bits
	 * @param opcode the 4-bit opcode
	 * @param declaredLength the payload length to declare, treated as unsigned 64 bits
	 * @param maskKey the four key bytes, or {@code null} for an unmasked header
	 * @return the header bytes
	 */
	public static byte[] header(boolean fin, int rsv, int opcode, long declaredLength, byte @Nullable [] maskKey) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(14);
		out.write((fin ? FIN : 0) | rsv | (opcode & 0x0F));
		int maskBit = (maskKey != null) ? MASK : 0;
		if (declaredLength >= 0 && declaredLength <= 125) {
			out.write(maskBit | (int) declaredLength);
		}
		else if (declaredLength >= 0 && declaredLength <= 0xFFFF) {
			out.write(maskBit | 126);
			out.write((int) (declaredLength >>> 8) & 0xFF);
			out.write((int) declaredLength & 0xFF);
		}
		else {
			out.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) (declaredLength >>> shift) & 0xFF);
			}
		}
		if (maskKey != null) {
			out.write(maskKey, 0, MASK_KEY_BYTES);
		}
		return out.toByteArray();
	}

	/**
	 * Build a single-frame text message.
	 * @param text the message
	 * @return the frame bytes
	 */
	public static byte[] text(String text) {
		return text(utf8(text));
	}

	/**
	 * Build a single-frame text message from raw bytes, valid UTF-8 or not.
	 * @param payload the payload
	 * @return the frame bytes
	 */
	public static byte[] text(byte[] payload) {
		return frame(true, 0, TEXT, payload);
	}

	/**
	 * Build a single-frame binary message.
	 * @param payload the payload
	 * @return the frame bytes
	 */
	public static byte[] binary(byte[] payload) {
		return frame(true, 0, BINARY, payload);
	}

	/**
	 * Build a ping.
	 * @param payload the application data
	 * @return the frame bytes
	 */
	public static byte[] ping(byte[] payload) {
		return frame(true, 0, PING, payload);
	}

	/**
	 * Build a pong.
	 * @param payload the application data
	 * @return the frame bytes
	 */
	public static byte[] pong(byte[] payload) {
		return frame(true, 0, PONG, payload);
	}

	/**
	 * Build a close frame with a code and a reason.
	 * @param code the status code, any 16-bit value
	 * @param reason the reason
	 * @return the frame bytes
	 */
	public static byte[] close(int code, String reason) {
		return close(closePayload(code, utf8(reason)));
	}

	/**
	 * Build a close frame with a raw payload.
	 * @param payload the payload, empty for a close without status
	 * @return the frame bytes
	 */
	public static byte[] close(byte[] payload) {
		return frame(true, 0, CLOSE, payload);
	}

	/**
	 * Return the payload of a close frame: the code in network byte order, then the
	 * reason bytes.
	 * @param code the status code
	 * @param reason the reason bytes, UTF-8 or not
	 * @return the payload
	 */
	public static byte[] closePayload(int code, byte[] reason) {
		return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
	}

	/**
	 * Build a fragment: the first one carries the data opcode, later ones are
	 * continuations.
	 * @param opcode {@link #TEXT}, {@link #BINARY} or {@link #CONTINUATION}
	 * @param fin whether this is the last fragment
	 * @param payload the fragment's payload
	 * @return the frame bytes
	 */
	public static byte[] fragment(int opcode, boolean fin, byte[] payload) {
		return frame(fin, 0, opcode, payload);
	}

	/**
	 * Split a message into fragments of at most {@code size} bytes, concatenated.
	 * @param opcode the data opcode of the message
	 * @param payload the whole message
	 * @param size the largest fragment payload
	 * @return the frames, back to back
	 */
	public static byte[] fragmented(int opcode, byte[] payload, int size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 16);
		int offset = 0;
		do {
			int length = Math.min(size, payload.length - offset);
			byte[] part = new byte[length];
			System.arraycopy(payload, offset, part, 0, length);
			offset += length;
			out.writeBytes(fragment((out.size() == 0) ? opcode : CONTINUATION, offset == payload.length, part));
		}
		while (offset < payload.length);
		return out.toByteArray();
	}

	/**
	 * Concatenate frames so that they can be sent in one write.
	 * @param parts the byte arrays
	 * @return the concatenation
	 */
	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Encode text as UTF-8.
	 * @param text the text
	 * @return the bytes
	 */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Parse hex digits, ignoring spaces: {@code "ED A0 80"}.
	 * @param hex the digits
	 * @return the bytes
	 */
	public static byte[] hex(String hex) {
		String digits = hex.replace(" ", "");
		byte[] bytes = new byte[digits.length() / 2];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
		}
		return bytes;
	}

	/**
	 * Return {@code length} bytes of a repeating, position-dependent pattern, so that a
	 * shifted or reordered echo never passes as equal.
	 * @param length the size
	 * @return the bytes
	 */
	public static byte[] pattern(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + (i >>> 8));
		}
		return bytes;
	}

	/**
	 * Return {@code length} bytes of printable ASCII, valid UTF-8 text.
	 * @param length the size
	 * @return the bytes
	 */
	public static byte[] asciiPattern(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) ('!' + (i % 94));
		}
		return bytes;
	}

}
