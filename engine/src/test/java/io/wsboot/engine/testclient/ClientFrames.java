package io.wsboot.engine.testclient;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Builds raw frame bytes for tests (RFC 6455 §5.2), written independently of the engine's
 * own codec and masking so that no test checks the engine against itself. The static
 * methods build one frame each and mask it with a fresh random key unless told otherwise
 * (§5.3); {@link #builder()} chains frames and breaks them one field at a time, masked
 * with the §5.7 example key {@link #RFC_MASK_KEY} so that the bytes are reproducible:
 *
 * <pre class="code">
 * byte[] bytes = ClientFrames.builder().text("Hel").fin(false).continuation("lo").build();
 * </pre>
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

	/** The masking key of the RFC 6455 §5.7 examples, {@code 37 fa 21 3d}. */
	public static final int RFC_MASK_KEY = 0x37FA213D;

	private static final int FIN = 0x80; // 1000_0000

	private static final int MASK = 0x80; // 1000_0000

	private static final int MASK_KEY_BYTES = 4;

	private ClientFrames() {
	}

	/**
	 * Start a sequence of frames, each masked with {@link #RFC_MASK_KEY} unless told
	 * otherwise.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
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
		return concat(header(fin, rsv, opcode, payload.length, maskKey), mask(payload, maskKey));
	}

	/**
	 * Return a masked copy of a payload (RFC 6455 §5.3): byte {@code i} XOR key byte
	 * {@code i mod 4}.
	 * @param payload the payload
	 * @param maskKey the four key bytes, or {@code null} for an unmasked copy
	 * @return the masked bytes
	 */
	public static byte[] mask(byte[] payload, byte @Nullable [] maskKey) {
		byte[] masked = payload.clone();
		if (maskKey != null) {
			for (int i = 0; i < masked.length; i++) {
				masked[i] ^= maskKey[i % MASK_KEY_BYTES];
			}
		}
		return masked;
	}

	/**
	 * Return a masking key given as an int, most significant byte first on the wire.
	 * @param key the key, such as {@link #RFC_MASK_KEY}
	 * @return the four key bytes
	 */
	public static byte[] maskKey(int key) {
		return bytes(key >>> 24, key >>> 16, key >>> 8, key);
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
		return header(fin, rsv, opcode, declaredLength, LengthEncoding.MINIMAL, maskKey);
	}

	/**
	 * Build only the header of a frame with a given length field, such as the 64-bit
	 * field for a 5-byte payload (a non-minimal encoding).
	 * @param fin whether the FIN bit is set
	 * @param rsv the reserved bits
	 * @param opcode the 4-bit opcode
	 * @param declaredLength the payload length to declare, treated as unsigned 64 bits
	 * @param encoding the length field to use
	 * @param maskKey the four key bytes, or {@code null} for an unmasked header
	 * @return the header bytes
	 */
	public static byte[] header(boolean fin, int rsv, int opcode, long declaredLength, LengthEncoding encoding,
			byte @Nullable [] maskKey) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(14);
		out.write((fin ? FIN : 0) | rsv | (opcode & 0x0F));
		int maskBit = (maskKey != null) ? MASK : 0;
		switch (encoding.orMinimalFor(declaredLength)) {
			case BITS_7 -> out.write(maskBit | (int) (declaredLength & 0x7F));
			case BITS_16 -> {
				out.write(maskBit | 126);
				out.write((int) (declaredLength >>> 8) & 0xFF);
				out.write((int) declaredLength & 0xFF);
			}
			default -> {
				out.write(maskBit | 127);
				for (int shift = 56; shift >= 0; shift -= 8) {
					out.write((int) (declaredLength >>> shift) & 0xFF);
				}
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
	 * Return bytes given as ints, for golden vectors.
	 * @param values the bytes, each 0-255 (higher bits are dropped)
	 * @return the bytes
	 */
	public static byte[] bytes(int... values) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(values.length);
		for (int value : values) {
			bytes.write(value);
		}
		return bytes.toByteArray();
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

	/**
	 * The length field of a frame header (RFC 6455 §5.2).
	 */
	public enum LengthEncoding {

		/** The shortest field that fits. */
		MINIMAL,

		/** The 7-bit field alone. */
		BITS_7,

		/** The 7-bit field set to 126 and a 16-bit length. */
		BITS_16,

		/** The 7-bit field set to 127 and a 64-bit length. */
		BITS_64;

		LengthEncoding orMinimalFor(long length) {
			if (this != MINIMAL) {
				return this;
			}
			return (length >= 0 && length <= 125) ? BITS_7 : (length >= 0 && length <= 0xFFFF) ? BITS_16 : BITS_64;
		}

	}

	/**
	 * Chains frames for {@link ClientFrames#builder()}. Each frame method
	 * ({@link #text(String)}, {@link #ping}, {@link #frame(int, byte[])}...) starts a new
	 * frame; the modifiers ({@link #fin}, {@link #rsv}, {@link #masked},
	 * {@link #length}...) change the frame started last, so several frames concatenate
	 * naturally.
	 */
	public static final class Builder {

		private final List<Object> parts = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Add a final text frame.
		 * @param text the payload, encoded as UTF-8
		 * @return this builder
		 */
		public Builder text(String text) {
			return frame(TEXT, utf8(text));
		}

		/**
		 * Add a final binary frame.
		 * @param payload the payload
		 * @return this builder
		 */
		public Builder binary(byte[] payload) {
			return frame(BINARY, payload);
		}

		/**
		 * Add a final continuation frame.
		 * @param text the payload, encoded as UTF-8
		 * @return this builder
		 */
		public Builder continuation(String text) {
			return frame(CONTINUATION, utf8(text));
		}

		/**
		 * Add a ping frame.
		 * @param text the application data, encoded as UTF-8
		 * @return this builder
		 */
		public Builder ping(String text) {
			return frame(PING, utf8(text));
		}

		/**
		 * Add a close frame without a body.
		 * @return this builder
		 */
		public Builder close() {
			return frame(CLOSE, new byte[0]);
		}

		/**
		 * Add a close frame with a code and a reason.
		 * @param code the status code, written as two bytes whatever its value
		 * @param reason the reason, encoded as UTF-8
		 * @return this builder
		 */
		public Builder close(int code, String reason) {
			return frame(CLOSE, closePayload(code, utf8(reason)));
		}

		/**
		 * Add a final frame with any 4-bit opcode, reserved ones included.
		 * @param opcode the opcode bits
		 * @param payload the payload
		 * @return this builder
		 */
		public Builder frame(int opcode, byte[] payload) {
			this.parts.add(new Spec(opcode, payload.clone()));
			return this;
		}

		/**
		 * Set the FIN bit of the last frame.
		 * @param fin the FIN bit
		 * @return this builder
		 */
		public Builder fin(boolean fin) {
			last().fin = fin;
			return this;
		}

		/**
		 * Mask the last frame with a key.
		 * @param key the key, most significant byte first on the wire
		 * @return this builder
		 */
		public Builder masked(int key) {
			last().maskKey = maskKey(key);
			return this;
		}

		/**
		 * Set the RSV bits of the last frame.
		 * @param rsv the bits as a mask of the first header byte, such as {@link #RSV1}
		 * @return this builder
		 */
		public Builder rsv(int rsv) {
			last().rsv = rsv;
			return this;
		}

		/**
		 * Send the last frame unmasked (MASK bit clear), as a server does.
		 * @return this builder
		 */
		public Builder unmasked() {
			last().maskKey = null;
			return this;
		}

		/**
		 * Set the opcode bits of the last frame.
		 * @param opcode the 4-bit opcode
		 * @return this builder
		 */
		public Builder opcode(int opcode) {
			last().opcode = opcode;
			return this;
		}

		/**
		 * Append raw bytes after the frames so far.
		 * @param bytes the bytes, each as an int 0-255
		 * @return this builder
		 */
		public Builder raw(int... bytes) {
			this.parts.add(bytes(bytes));
			return this;
		}

		/**
		 * Declare another payload length in the last frame's header than its payload's,
		 * for frames that claim more than they carry. Negative values set the most
		 * significant bit of a 64-bit length.
		 * @param length the declared length
		 * @return this builder
		 */
		public Builder length(long length) {
			last().declaredLength = length;
			return this;
		}

		/**
		 * Encode the last frame's length with a given field.
		 * @param encoding the length field to use
		 * @return this builder
		 */
		public Builder lengthEncoding(LengthEncoding encoding) {
			last().encoding = encoding;
			return this;
		}

		/**
		 * Return the bytes of all frames in order.
		 * @return the bytes
		 */
		public byte[] build() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (Object part : this.parts) {
				out.writeBytes((part instanceof Spec spec) ? spec.encode() : (byte[]) part);
			}
			return out.toByteArray();
		}

		/**
		 * Return the bytes of all frames in a heap buffer, ready to read.
		 * @return the buffer
		 */
		public ByteBuffer buffer() {
			return ByteBuffer.wrap(build());
		}

		/**
		 * Return the bytes of all frames in a direct buffer, ready to read.
		 * @return the buffer
		 */
		public ByteBuffer directBuffer() {
			byte[] bytes = build();
			return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
		}

		private Spec last() {
			for (int i = this.parts.size() - 1; i >= 0; i--) {
				if (this.parts.get(i) instanceof Spec spec) {
					return spec;
				}
			}
			throw new IllegalStateException("no frame to modify yet");
		}

	}

	private static final class Spec {

		private int opcode;

		private final byte[] payload;

		private boolean fin = true;

		private int rsv;

		private byte @Nullable [] maskKey = maskKey(RFC_MASK_KEY);

		private @Nullable Long declaredLength;

		private LengthEncoding encoding = LengthEncoding.MINIMAL;

		Spec(int opcode, byte[] payload) {
			this.opcode = opcode;
			this.payload = payload;
		}

		byte[] encode() {
			long length = (this.declaredLength != null) ? this.declaredLength : this.payload.length;
			return concat(header(this.fin, this.rsv, this.opcode, length, this.encoding, this.maskKey),
					mask(this.payload, this.maskKey));
		}

	}

}
