package io.wsboot.engine.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Applies a frame's masking key to its payload (RFC 6455 §5.3), in place. Masking and
 * unmasking are the same operation: byte {@code i} of the payload is XORed with byte
 * {@code i % 4} of the key.
 *
 * @author wsboot
 */
public final class Masking {

	private static final int LONG_BYTES = Long.BYTES;

	private Masking() {
	}

	/**
	 * XOR the bytes {@code [from, to)} of a buffer (absolute indexes; position and limit
	 * are not used nor moved) with a masking key, continuing at a given offset of the
	 * frame's payload so that a payload that arrives in several chunks is unmasked
	 * correctly.
	 * @param buffer the buffer, heap or direct, not read-only
	 * @param from the index of the first byte to mask
	 * @param to the index after the last byte to mask
	 * @param maskKey the 4-byte masking key as a big-endian int: key byte 0, the first on
	 * the wire, is the most significant
	 * @param frameOffset the offset of {@code buffer.get(from)} within the frame's
	 * payload
	 */
	public static void mask(ByteBuffer buffer, int from, int to, int maskKey, long frameOffset) {
		if (from < 0 || to > buffer.limit() || from > to) {
			throw new IndexOutOfBoundsException(
					"range [" + from + ", " + to + ") of a buffer with limit " + buffer.limit());
		}
		if (frameOffset < 0) {
			throw new IllegalArgumentException("frameOffset must not be negative but was " + frameOffset);
		}
		// RFC 6455 §5.3: payload byte i is XORed with key byte (i MOD 4); rotate the key
		// so
		// that its most significant byte is the one for the payload byte at 'from'
		int key = Integer.rotateLeft(maskKey, (int) (frameOffset & 3) * Byte.SIZE);
		int index = from;
		if (to - index >= LONG_BYTES) {
			long key64 = ((long) key << Integer.SIZE) | (key & 0xFFFFFFFFL);
			if (buffer.order() == ByteOrder.LITTLE_ENDIAN) {
				key64 = Long.reverseBytes(key64);
			}
			// 8 is a multiple of 4, so the key lines up again after each long
			int lastLong = to - LONG_BYTES;
			while (index <= lastLong) {
				buffer.putLong(index, buffer.getLong(index) ^ key64);
				index += LONG_BYTES;
			}
		}
		int shift = 24;
		while (index < to) {
			buffer.put(index, (byte) (buffer.get(index) ^ (key >>> shift)));
			shift = (shift - 8) & 31;
			index++;
		}
	}

}
