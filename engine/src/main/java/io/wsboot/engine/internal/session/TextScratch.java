package io.wsboot.engine.internal.session;

/**
 * An array in which a text message that arrived whole is unmasked before it is decoded
 * (RFC 6455 §5.3, §8.1), shared by the connections of one event loop: it is used only
 * within one call, so idle connections hold no buffer of their own. Not thread-safe.
 *
 * @author wsboot
 */
public final class TextScratch {

	/** Arrays up to this size are kept for the next message. */
	static final int RETAINED_BYTES = 64 * 1024;

	private static final int INITIAL_BYTES = 1024;

	private byte[] array = new byte[0];

	/**
	 * Return an array of at least the given size whose content does not matter, valid
	 * until the next call.
	 * @param size the size needed
	 * @return the array
	 */
	byte[] array(int size) {
		byte[] current = this.array;
		if (current.length >= size) {
			return current;
		}
		if (size > RETAINED_BYTES) {
			return new byte[size];
		}
		byte[] larger = new byte[Math.min(RETAINED_BYTES, Math.max(Math.max(size, INITIAL_BYTES), current.length * 2))];
		this.array = larger;
		return larger;
	}

}
