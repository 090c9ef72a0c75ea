package io.wsboot.streams;

import java.util.Objects;

/**
 * A position in a stream: the offset of a publication and the epoch of the stream's
 * history. Offsets start at 1 and grow by one per publication; offset 0 is the position
 * of a stream nothing was published to. The epoch changes whenever history was lost (a
 * Redis flush, a node-local stream after a restart), so that an offset is only meaningful
 * together with its epoch.
 *
 * @param epoch the epoch of the stream's history
 * @param offset the offset
 * @author wsboot
 */
public record StreamPosition(String epoch, long offset) {

	/**
	 * Create a position.
	 * @param epoch the epoch
	 * @param offset the offset, not negative
	 */
	public StreamPosition {
		Objects.requireNonNull(epoch, "epoch");
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative but was " + offset);
		}
	}

}
