package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.wsboot.engine.internal.frame.Masking;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the bytes of one message at a time (RFC 6455 §5.4) in an array that grows
 * geometrically but never past the message limit. The array is let go at the end of each
 * message, so an idle connection holds none.
 *
 * @author wsboot
 */
final class MessageBuffer {

	private final int maxBytes;

	private byte @Nullable [] array;

	private int length;

	MessageBuffer(int maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Append the remaining bytes of a buffer without moving its position.
	 * @param bytes the bytes
	 * @param expectedLength the message length expected once these and any announced
	 * bytes have arrived, used as the capacity when growing
	 */
	void append(ByteBuffer bytes, int expectedLength) {
		int count = bytes.remaining();
		byte[] target = ensureCapacity(Math.max(expectedLength, this.length + count));
		bytes.get(bytes.position(), target, this.length, count);
		this.length += count;
	}

	/**
	 * Append the remaining bytes of a buffer, unmasking them while they are copied (RFC
	 * 6455 §5.3), without moving its position.
	 * @param masked the bytes as received
	 * @param maskKey the frame's masking key
	 * @param frameOffset the offset of the first byte within the frame's payload
	 * @param expectedLength the message length expected once these and any announced
	 * bytes have arrived, used as the capacity when growing
	 * @return the index in {@link #array()} of the first byte appended
	 */
	int appendMasked(ByteBuffer masked, int maskKey, long frameOffset, int expectedLength) {
		int count = masked.remaining();
		int start = this.length;
		byte[] target = ensureCapacity(Math.max(expectedLength, start + count));
		Masking.maskInto(masked, masked.position(), masked.limit(), target, start, maskKey, frameOffset);
		this.length = start + count;
		return start;
	}

	/**
	 * Return the array the bytes are gathered in, valid until the next append.
	 * @return the array, of which the first {@link #length()} bytes are the message
	 */
	byte[] array() {
		byte[] bytes = this.array;
		return (bytes != null) ? bytes : new byte[0];
	}

	int length() {
		return this.length;
	}

	int capacity() {
		byte[] bytes = this.array;
		return (bytes != null) ? bytes.length : 0;
	}

	String toText() {
		byte[] bytes = this.array;
		return (bytes != null) ? new String(bytes, 0, this.length, StandardCharsets.UTF_8) : "";
	}

	/**
	 * Return the bytes gathered in a buffer the caller owns: the array itself when it is
	 * exactly filled, a copy otherwise.
	 * @return the bytes
	 */
	ByteBuffer takeBinary() {
		byte[] bytes = this.array;
		if (bytes == null) {
			return ByteBuffer.allocate(0);
		}
		if (bytes.length == this.length) {
			this.array = null;
			return ByteBuffer.wrap(bytes);
		}
		return ByteBuffer.wrap(Arrays.copyOf(bytes, this.length));
	}

	/**
	 * Forget the message and let its array go.
	 */
	void clear() {
		this.length = 0;
		this.array = null;
	}

	private byte[] ensureCapacity(int needed) {
		byte[] current = this.array;
		if (current != null && current.length >= needed) {
			return current;
		}
		// doubling keeps many small fragments linear; the limit caps it
		int grown = (current != null) ? (int) Math.min(this.maxBytes, current.length * 2L) : 0;
		int capacity = Math.max(needed, grown);
		byte[] resized = (current != null) ? Arrays.copyOf(current, capacity) : new byte[capacity];
		this.array = resized;
		return resized;
	}

}
