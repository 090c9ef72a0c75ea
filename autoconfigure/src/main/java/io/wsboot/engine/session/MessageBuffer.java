package io.wsboot.engine.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Gathers the bytes of one message at a time (RFC 6455 §5.4) in an array that grows
 * geometrically but never past the message limit, and keeps a small array for the next
 * message.
 *
 * @author wsboot
 */
final class MessageBuffer {

	/** Arrays up to this size are kept for the next message. */
	static final int RETAINED_BYTES = 8 * 1024;

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
	 * Return an array of at least the given size whose content does not matter, for
	 * copying a direct buffer before decoding it.
	 * @param size the size needed
	 * @return the array, owned by this buffer
	 */
	byte[] scratch(int size) {
		return ensureCapacity(size);
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
	 * Forget the message, keeping the array only if it is small.
	 */
	void clear() {
		this.length = 0;
		byte[] bytes = this.array;
		if (bytes != null && bytes.length > RETAINED_BYTES) {
			this.array = null;
		}
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
