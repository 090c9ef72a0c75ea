package io.wsboot.streams;

import java.util.List;

/**
 * Where streams keep their offsets, epochs and bounded history: in memory on one node
 * ({@link InMemoryStreamHistory}) or in a store that every node shares, such as Redis
 * Streams. Implementations are thread-safe; {@link #append} assigns offsets without gaps
 * in the order publications are appended.
 *
 * @author wsboot
 */
public interface StreamHistory {

	/**
	 * Append a publication to a stream, trimming its history to the configured size and
	 * age.
	 * @param stream the stream name
	 * @param data the data as JSON
	 * @return the publication with its offset and epoch
	 */
	StreamPublication append(String stream, String data);

	/**
	 * Read a stream's position and the publications history still holds after an offset,
	 * in one consistent step.
	 * @param stream the stream name
	 * @param afterOffset return the publications with a greater offset; a negative value
	 * returns none
	 * @return the stream's epoch, last offset and the publications found
	 */
	Slice read(String stream, long afterOffset);

	/**
	 * Return the number of publications a stream's history holds now.
	 * @param stream the stream name
	 * @return the number, 0 for an unknown stream
	 */
	long size(String stream);

	/**
	 * A stream's position and a part of its history.
	 *
	 * @param epoch the stream's epoch
	 * @param lastOffset the offset of the stream's last publication, 0 when none
	 * @param publications the publications found, in offset order
	 */
	record Slice(String epoch, long lastOffset, List<StreamPublication> publications) {

		/**
		 * Create a slice.
		 * @param epoch the epoch
		 * @param lastOffset the last offset
		 * @param publications the publications
		 */
		public Slice {
			publications = List.copyOf(publications);
		}

		/**
		 * Return the stream's position.
		 * @return the epoch and last offset
		 */
		public StreamPosition position() {
			return new StreamPosition(this.epoch, this.lastOffset);
		}

		/**
		 * Whether this slice holds every publication after an offset of its epoch, up to
		 * its last offset.
		 * @param since the position a client last saw
		 * @return {@code true} when nothing between {@code since} and the last offset is
		 * missing
		 */
		public boolean covers(StreamPosition since) {
			if (!since.epoch().equals(this.epoch) || since.offset() > this.lastOffset) {
				return false;
			}
			if (since.offset() == this.lastOffset) {
				return true;
			}
			if (this.publications.isEmpty()) {
				return false;
			}
			StreamPublication first = this.publications.get(0);
			StreamPublication last = this.publications.get(this.publications.size() - 1);
			return first.offset() == since.offset() + 1 && last.offset() == this.lastOffset
					&& this.publications.size() == this.lastOffset - since.offset();
		}

	}

}
