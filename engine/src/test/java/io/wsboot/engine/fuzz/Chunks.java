package io.wsboot.engine.fuzz;

import java.nio.ByteBuffer;

/**
 * Cuts fuzz input into the reads a socket could deliver, so that every parser state is
 * entered at a buffer boundary.
 *
 * @author wsboot
 */
final class Chunks {

	private Chunks() {
	}

	/**
	 * Return the next read: a writable view of up to {@code chunkBytes} bytes at the
	 * position of {@code wire}, which is left unchanged.
	 * @param wire the bytes still to deliver
	 * @param chunkBytes the read size, 0 for everything at once
	 * @return the view
	 */
	static ByteBuffer next(ByteBuffer wire, int chunkBytes) {
		ByteBuffer chunk = wire.slice();
		if (chunkBytes > 0 && chunk.remaining() > chunkBytes) {
			chunk.limit(chunkBytes);
		}
		return chunk;
	}

}
