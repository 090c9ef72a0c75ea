package io.wsboot.engine.testclient;

import java.nio.ByteBuffer;

/**
 * Copies of received payloads.
 *
 * @author wsboot
 */
public final class Bytes {

	private Bytes() {
	}

	/**
	 * Copy the remaining bytes of a buffer.
	 * @param buffer the buffer, consumed
	 * @return its remaining bytes
	 */
	public static byte[] of(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
