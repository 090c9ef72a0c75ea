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

	/**
	 * Split fuzz input into its two control bytes and the bytes on the wire: byte 0 is
	 * the read size (0 for everything at once), bit 0 of byte 1 a switch the target
	 * chooses, the rest a copy of the wire bytes. A control byte the input is too short
	 * to have reads as 0.
	 * @param input the fuzz input
	 * @return the parts
	 */
	static Input split(byte[] input) {
		int chunkBytes = (input.length > 0) ? input[0] & 0xFF : 0;
		boolean flag = input.length > 1 && (input[1] & 0x01) != 0;
		int wireStart = Math.min(2, input.length);
		return new Input(chunkBytes, flag, ByteBuffer.wrap(input.clone(), wireStart, input.length - wireStart).slice());
	}

	/**
	 * Fuzz input split by {@link #split(byte[])}.
	 *
	 * @param chunkBytes the read size, 0 for everything at once
	 * @param flag the target's switch
	 * @param wire the bytes on the wire, a writable copy
	 */
	record Input(int chunkBytes, boolean flag, ByteBuffer wire) {
	}

}
