package io.wsboot.engine.internal.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Builds raw frame bytes for tests (RFC 6455 §5.2), independently of the engine's encoder
 * and masking code. Each frame method ({@link #text(String)}, {@link #ping},
 * {@link #frame(int, byte[])}...) starts a new frame; the modifiers ({@link #fin},
 * {@link #rsv}, {@link #masked}, {@link #length}...) change the frame started last, so
 * several frames concatenate naturally:
 *
 * <pre class="code">
 * byte[] bytes = RawFrames.client().text("Hel").fin(false).continuation("lo").build();
 * </pre>
 *
 * Client frames are masked with {@link #DEFAULT_MASK_KEY} unless told otherwise; server
 * frames are unmasked.
 */
public final class RawFrames {

	/** The masking key of the RFC 6455 §5.7 examples, {@code 37 fa 21 3d}. */
	public static final int DEFAULT_MASK_KEY = 0x37FA213D;

	private final List<Object> parts = new ArrayList<>();

	private final boolean client;

	private RawFrames(boolean client) {
		this.client = client;
	}

	/**
	 * Start a sequence of client-to-server frames, masked by default.
	 * @return the builder
	 */
	public static RawFrames client() {
		return new RawFrames(true);
	}

	/**
	 * Start a sequence of server-to-client frames, unmasked by default.
	 * @return the builder
	 */
	public static RawFrames server() {
		return new RawFrames(false);
	}

	/**
	 * Add a final text frame.
	 * @param text the payload, encoded as UTF-8
	 * @return this builder
	 */
	public RawFrames text(String text) {
		return frame(0x1, utf8(text));
	}

	/**
	 * Add a final text frame with raw payload bytes, such as invalid UTF-8.
	 * @param payload the payload
	 * @return this builder
	 */
	public RawFrames text(byte[] payload) {
		return frame(0x1, payload);
	}

	/**
	 * Add a final binary frame.
	 * @param payload the payload
	 * @return this builder
	 */
	public RawFrames binary(byte[] payload) {
		return frame(0x2, payload);
	}

	/**
	 * Add a final continuation frame.
	 * @param text the payload, encoded as UTF-8
	 * @return this builder
	 */
	public RawFrames continuation(String text) {
		return frame(0x0, utf8(text));
	}

	/**
	 * Add a final continuation frame.
	 * @param payload the payload
	 * @return this builder
	 */
	public RawFrames continuation(byte[] payload) {
		return frame(0x0, payload);
	}

	/**
	 * Add a ping frame.
	 * @param payload the application data
	 * @return this builder
	 */
	public RawFrames ping(byte[] payload) {
		return frame(0x9, payload);
	}

	/**
	 * Add a ping frame.
	 * @param text the application data, encoded as UTF-8
	 * @return this builder
	 */
	public RawFrames ping(String text) {
		return ping(utf8(text));
	}

	/**
	 * Add a pong frame.
	 * @param payload the application data
	 * @return this builder
	 */
	public RawFrames pong(byte[] payload) {
		return frame(0xA, payload);
	}

	/**
	 * Add a close frame without a body.
	 * @return this builder
	 */
	public RawFrames close() {
		return frame(0x8, new byte[0]);
	}

	/**
	 * Add a close frame with a code and a reason.
	 * @param code the status code, written as two bytes whatever its value
	 * @param reason the reason, encoded as UTF-8
	 * @return this builder
	 */
	public RawFrames close(int code, String reason) {
		return close(code, utf8(reason));
	}

	/**
	 * Add a close frame with a code and raw reason bytes.
	 * @param code the status code, written as two bytes whatever its value
	 * @param reason the reason bytes
	 * @return this builder
	 */
	public RawFrames close(int code, byte[] reason) {
		return frame(0x8, concat(bytes(code >>> 8, code), reason));
	}

	/**
	 * Add a final frame with any 4-bit opcode, reserved ones included.
	 * @param opCode the opcode bits
	 * @param payload the payload
	 * @return this builder
	 */
	public RawFrames frame(int opCode, byte[] payload) {
		this.parts.add(new Spec(opCode, payload.clone(), this.client));
		return this;
	}

	/**
	 * Set the FIN bit of the last frame.
	 * @param fin the FIN bit
	 * @return this builder
	 */
	public RawFrames fin(boolean fin) {
		last().fin = fin;
		return this;
	}

	/**
	 * Set the RSV bits of the last frame.
	 * @param rsv the bits as a mask of the first header byte, such as {@code 0x40}
	 * @return this builder
	 */
	public RawFrames rsv(int rsv) {
		last().rsv = rsv;
		return this;
	}

	/**
	 * Set the opcode bits of the last frame.
	 * @param opCode the 4-bit opcode
	 * @return this builder
	 */
	public RawFrames opcode(int opCode) {
		last().opCode = opCode;
		return this;
	}

	/**
	 * Mask the last frame with a key.
	 * @param key the key, most significant byte first on the wire
	 * @return this builder
	 */
	public RawFrames masked(int key) {
		Spec spec = last();
		spec.masked = true;
		spec.maskKey = key;
		return this;
	}

	/**
	 * Send the last frame unmasked (MASK bit clear).
	 * @return this builder
	 */
	public RawFrames unmasked() {
		last().masked = false;
		return this;
	}

	/**
	 * Declare another payload length in the last frame's header than its payload's, for
	 * frames that claim more than they carry. Negative values set the most significant
	 * bit of a 64-bit length.
	 * @param length the declared length
	 * @return this builder
	 */
	public RawFrames length(long length) {
		last().declaredLength = length;
		return this;
	}

	/**
	 * Encode the last frame's length with a given field, such as the 64-bit field for a
	 * 5-byte payload (a non-minimal encoding).
	 * @param encoding the length field to use
	 * @return this builder
	 */
	public RawFrames lengthEncoding(LengthEncoding encoding) {
		last().encoding = encoding;
		return this;
	}

	/**
	 * Append raw bytes after the frames so far.
	 * @param bytes the bytes, each as an int 0-255
	 * @return this builder
	 */
	public RawFrames raw(int... bytes) {
		this.parts.add(bytes(bytes));
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

	/**
	 * Return bytes given as ints, for golden vectors.
	 * @param values the bytes, each 0-255 (higher bits are dropped)
	 * @return the bytes
	 */
	public static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	/**
	 * Return text as UTF-8.
	 * @param text the text
	 * @return the bytes
	 */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return a recognisable payload: byte {@code i} is {@code i * 7 + 3}.
	 * @param length the length
	 * @return the bytes
	 */
	public static byte[] payload(int length) {
		byte[] payload = new byte[length];
		for (int i = 0; i < length; i++) {
			payload[i] = (byte) (i * 7 + 3);
		}
		return payload;
	}

	/**
	 * Concatenate byte arrays.
	 * @param arrays the arrays
	 * @return the bytes of all in order
	 */
	public static byte[] concat(byte[]... arrays) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] array : arrays) {
			out.writeBytes(array);
		}
		return out.toByteArray();
	}

	private Spec last() {
		for (int i = this.parts.size() - 1; i >= 0; i--) {
			if (this.parts.get(i) instanceof Spec spec) {
				return spec;
			}
		}
		throw new IllegalStateException("no frame to modify yet");
	}

	/**
	 * The length field of a frame header.
	 */
	public enum LengthEncoding {

		/** The shortest field that fits (RFC 6455 §5.2). */
		MINIMAL,

		/** The 7-bit field alone. */
		BITS_7,

		/** The 7-bit field set to 126 and a 16-bit length. */
		BITS_16,

		/** The 7-bit field set to 127 and a 64-bit length. */
		BITS_64

	}

	private static final class Spec {

		private int opCode;

		private final byte[] payload;

		private boolean fin = true;

		private int rsv;

		private boolean masked;

		private int maskKey = DEFAULT_MASK_KEY;

		private @Nullable Long declaredLength;

		private LengthEncoding encoding = LengthEncoding.MINIMAL;

		Spec(int opCode, byte[] payload, boolean masked) {
			this.opCode = opCode;
			this.payload = payload;
			this.masked = masked;
		}

		byte[] encode() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write((this.fin ? 0x80 : 0) | this.rsv | (this.opCode & 0x0F));
			long length = (this.declaredLength != null) ? this.declaredLength : this.payload.length;
			int maskBit = this.masked ? 0x80 : 0;
			LengthEncoding encoding = this.encoding;
			if (encoding == LengthEncoding.MINIMAL) {
				encoding = (length >= 0 && length <= 125) ? LengthEncoding.BITS_7
						: (length >= 0 && length <= 0xFFFF) ? LengthEncoding.BITS_16 : LengthEncoding.BITS_64;
			}
			switch (encoding) {
				case BITS_7 -> out.write(maskBit | (int) (length & 0x7F));
				case BITS_16 -> {
					out.write(maskBit | 126);
					out.write((int) (length >>> 8) & 0xFF);
					out.write((int) length & 0xFF);
				}
				default -> {
					out.write(maskBit | 127);
					for (int shift = 56; shift >= 0; shift -= 8) {
						out.write((int) (length >>> shift) & 0xFF);
					}
				}
			}
			byte[] payload = this.payload.clone();
			if (this.masked) {
				byte[] key = bytes(this.maskKey >>> 24, this.maskKey >>> 16, this.maskKey >>> 8, this.maskKey);
				out.writeBytes(key);
				for (int i = 0; i < payload.length; i++) {
					payload[i] ^= key[i % 4];
				}
			}
			out.writeBytes(payload);
			return out.toByteArray();
		}

	}

}
