package io.wsboot.engine.internal.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Applies a frame's masking key to its payload (RFC 6455 §5.3), in place or while copying
 * it into an array. Masking and unmasking are the same operation: byte {@code i} of the
 * payload is XORed with byte {@code i % 4} of the key.
 *
 * @author wsboot
 */
public final class Masking {

	private static final int LONG_BYTES = Long.BYTES;

	private static final VarHandle NATIVE_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.nativeOrder());

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
		checkRange(buffer, from, to, frameOffset);
		int key = keyAt(maskKey, frameOffset);
		int index = from;
		if (to - index >= LONG_BYTES) {
			long key64 = key64(key, buffer.order());
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

	/**
	 * Copy the bytes {@code [from, to)} of a buffer (absolute indexes; position and limit
	 * are not used nor moved) into an array, XORed with a masking key that continues at a
	 * given offset of the frame's payload. The source buffer is not modified.
	 * @param src the buffer, heap or direct, possibly read-only
	 * @param from the index of the first byte to copy
	 * @param to the index after the last byte to copy
	 * @param dst the array to copy into
	 * @param dstOffset where in {@code dst} the byte at {@code from} goes
	 * @param maskKey the 4-byte masking key as a big-endian int: key byte 0, the first on
	 * the wire, is the most significant
	 * @param frameOffset the offset of {@code src.get(from)} within the frame's payload
	 */
	public static void maskInto(ByteBuffer src, int from, int to, byte[] dst, int dstOffset, int maskKey,
			long frameOffset) {
		checkRange(src, from, to, frameOffset);
		if (dstOffset < 0 || dstOffset > dst.length - (to - from)) {
			throw new IndexOutOfBoundsException(
					(to - from) + " bytes at offset " + dstOffset + " of an array of " + dst.length + " bytes");
		}
		// the JDK's bulk copy, then the mask over the copy while it is in the cache: C2
		// runs both faster than one loop that reads, masks and writes a long at a time
		int count = to - from;
		src.get(from, dst, dstOffset, count);
		int key = keyAt(maskKey, frameOffset);
		int index = dstOffset;
		int end = dstOffset + count;
		if (count >= LONG_BYTES) {
			long key64 = key64(key, ByteOrder.nativeOrder());
			// 8 is a multiple of 4, so the key lines up again after each long
			int lastLong = end - LONG_BYTES;
			while (index <= lastLong) {
				NATIVE_LONGS.set(dst, index, (long) NATIVE_LONGS.get(dst, index) ^ key64);
				index += LONG_BYTES;
			}
		}
		int shift = 24;
		while (index < end) {
			dst[index] = (byte) (dst[index] ^ (key >>> shift));
			shift = (shift - 8) & 31;
			index++;
		}
	}

	private static void checkRange(ByteBuffer buffer, int from, int to, long frameOffset) {
		if (from < 0 || to > buffer.limit() || from > to) {
			throw new IndexOutOfBoundsException(
					"range [" + from + ", " + to + ") of a buffer with limit " + buffer.limit());
		}
		if (frameOffset < 0) {
			throw new IllegalArgumentException("frameOffset must not be negative but was " + frameOffset);
		}
	}

	/**
	 * RFC 6455 §5.3: payload byte i is XORed with key byte (i MOD 4); rotate the key so
	 * that its most significant byte is the one for the payload byte at the frame offset.
	 */
	private static int keyAt(int maskKey, long frameOffset) {
		return Integer.rotateLeft(maskKey, (int) (frameOffset & 3) * Byte.SIZE);
	}

	/** The key twice, as a long read in the given byte order sees it. */
	private static long key64(int key, ByteOrder order) {
		long key64 = ((long) key << Integer.SIZE) | (key & 0xFFFFFFFFL);
		return (order == ByteOrder.LITTLE_ENDIAN) ? Long.reverseBytes(key64) : key64;
	}

}
