package io.wsboot.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The messages of one run: a fixed payload whose first bytes carry the message's sequence
 * number on its connection as hexadecimal digits (valid UTF-8 for text), and the masked
 * client frame (RFC 6455 §5.2-§5.3) built once, so that sending a message is a copy plus
 * the masking of at most 16 digits.
 *
 * @author wsboot
 */
final class MessagePattern {

	/** Hexadecimal digits of the sequence number at the start of each payload. */
	static final int MAX_SEQUENCE_DIGITS = 16;

	private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private static final int OPCODE_TEXT = 0x1;

	private static final int OPCODE_BINARY = 0x2;

	private static final int FIN = 0x80; // 1000_0000

	private static final int MASK = 0x80; // 1000_0000

	private final boolean text;

	private final int payloadBytes;

	private final int sequenceDigits;

	private final byte[] payload;

	private final byte[] frame;

	private final int headerBytes;

	private final byte[] maskKey;

	/**
	 * Create the pattern of one run.
	 * @param payloadBytes the payload size
	 * @param text whether messages are text (printable ASCII) or binary (random bytes)
	 * @param seed the seed of the binary content and the masking key
	 */
	MessagePattern(int payloadBytes, boolean text, long seed) {
		if (payloadBytes < 1) {
			throw new IllegalArgumentException("payloadBytes must be positive but was " + payloadBytes);
		}
		SplittableRandom random = new SplittableRandom(seed);
		this.text = text;
		this.payloadBytes = payloadBytes;
		this.sequenceDigits = Math.min(MAX_SEQUENCE_DIGITS, payloadBytes);
		this.payload = new byte[payloadBytes];
		for (int i = 0; i < payloadBytes; i++) {
			this.payload[i] = text ? (byte) ('a' + i % 26) : (byte) random.nextInt(256);
		}
		this.maskKey = new byte[4];
		for (int i = 0; i < 4; i++) {
			this.maskKey[i] = (byte) random.nextInt(256);
		}
		this.headerBytes = 2 + ((payloadBytes <= 125) ? 0 : (payloadBytes <= 0xFFFF) ? 2 : 8) + 4;
		this.frame = new byte[this.headerBytes + payloadBytes];
		ByteBuffer header = ByteBuffer.wrap(this.frame);
		header.put((byte) (FIN | (text ? OPCODE_TEXT : OPCODE_BINARY)));
		if (payloadBytes <= 125) {
			header.put((byte) (MASK | payloadBytes));
		}
		else if (payloadBytes <= 0xFFFF) {
			header.put((byte) (MASK | 126)).putShort((short) payloadBytes);
		}
		else {
			header.put((byte) (MASK | 127)).putLong(payloadBytes);
		}
		header.put(this.maskKey);
		for (int i = 0; i < payloadBytes; i++) {
			this.frame[this.headerBytes + i] = (byte) (this.payload[i] ^ this.maskKey[i & 3]);
		}
	}

	boolean text() {
		return this.text;
	}

	int payloadBytes() {
		return this.payloadBytes;
	}

	int frameBytes() {
		return this.frame.length;
	}

	/**
	 * Copy bytes of the masked frame of a message.
	 * @param sequence the message's sequence number on its connection
	 * @param from the first byte of the frame to copy
	 * @param length how many bytes
	 * @param dst where to put them
	 */
	void copyFrame(long sequence, int from, int length, ByteBuffer dst) {
		int start = dst.position();
		dst.put(this.frame, from, length);
		int digitsFrom = Math.max(from, this.headerBytes);
		int digitsTo = Math.min(from + length, this.headerBytes + this.sequenceDigits);
		for (int i = digitsFrom; i < digitsTo; i++) {
			int digit = i - this.headerBytes;
			dst.put(start + i - from, (byte) (digit(sequence, digit) ^ this.maskKey[digit & 3]));
		}
	}

	/**
	 * Check received payload bytes of a message.
	 * @param sequence the message's expected sequence number
	 * @param offset the offset of the bytes in the message's payload
	 * @param bytes the buffer holding them
	 * @param from their index in the buffer
	 * @param length how many bytes
	 * @return whether they are the bytes sent
	 */
	boolean matches(long sequence, int offset, byte[] bytes, int from, int length) {
		if (offset + length > this.payloadBytes) {
			return false;
		}
		int checked = 0;
		while (checked < length && offset + checked < this.sequenceDigits) {
			if (bytes[from + checked] != digit(sequence, offset + checked)) {
				return false;
			}
			checked++;
		}
		return Arrays.mismatch(bytes, from + checked, from + length, this.payload, offset + checked,
				offset + length) < 0;
	}

	private byte digit(long sequence, int index) {
		int shift = 4 * (this.sequenceDigits - 1 - index);
		return HEX[(int) (sequence >>> shift) & 0xF];
	}

}
