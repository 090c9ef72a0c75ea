package io.wsboot.streams;

import java.util.Objects;

/**
 * One publication of a stream, as history keeps it.
 *
 * @param stream the stream name
 * @param epoch the epoch of the stream's history
 * @param offset the offset of the publication
 * @param data the publication's data as JSON
 * @author wsboot
 */
public record StreamPublication(String stream, String epoch, long offset, String data) {

	/**
	 * Create a publication.
	 * @param stream the stream name
	 * @param epoch the epoch
	 * @param offset the offset
	 * @param data the data as JSON
	 */
	public StreamPublication {
		Objects.requireNonNull(stream, "stream");
		Objects.requireNonNull(epoch, "epoch");
		Objects.requireNonNull(data, "data");
	}

	/**
	 * Return the position of this publication.
	 * @return the position
	 */
	public StreamPosition position() {
		return new StreamPosition(this.epoch, this.offset);
	}

}
