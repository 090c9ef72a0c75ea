package io.wsboot.engine;

import java.util.Objects;

/**
 * One frame as a {@link FrameListener} sees it (RFC 6455 §5.2): its direction, opcode,
 * payload length and the first bytes of its payload, unmasked, as on the wire (compressed
 * when permessage-deflate was negotiated).
 *
 * @param direction whether the frame was received or sent
 * @param opCode the opcode
 * @param fin whether the frame is the final fragment of its message
 * @param payloadLength the payload length
 * @param payloadHead a copy of the payload's first bytes, at most
 * {@link FrameListener#payloadHeadBytes()}
 * @author wsboot
 */
public record FrameSummary(Direction direction, OpCode opCode, boolean fin, long payloadLength, byte[] payloadHead) {

	/**
	 * Create a summary.
	 * @param direction whether the frame was received or sent
	 * @param opCode the opcode
	 * @param fin whether the frame is a final fragment
	 * @param payloadLength the payload length
	 * @param payloadHead the payload's first bytes, not copied
	 */
	public FrameSummary {
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(opCode, "opCode");
		Objects.requireNonNull(payloadHead, "payloadHead");
	}

	/**
	 * Which way a frame went.
	 */
	public enum Direction {

		/** Received from the client. */
		IN,

		/** Sent to the client. */
		OUT

	}

}
