package io.wsboot.engine.internal.extension;

import java.nio.ByteBuffer;

import io.wsboot.engine.WsProtocolException;

/**
 * Receives the bytes of an inbound message as an extension produces them; it counts them
 * against the message limit (1009) and validates text incrementally (1007).
 *
 * @author wsboot
 */
@FunctionalInterface
public interface PayloadSink {

	/**
	 * Accept the remaining bytes of a buffer, which the sink copies.
	 * @param bytes the bytes
	 * @throws WsProtocolException when the message grows past its limit or is invalid
	 */
	void write(ByteBuffer bytes) throws WsProtocolException;

}
