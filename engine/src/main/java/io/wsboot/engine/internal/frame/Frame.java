package io.wsboot.engine.internal.frame;

import io.wsboot.engine.OpCode;
import java.nio.ByteBuffer;

/**
 * One decoded frame (RFC 6455 §5.2) with its payload already unmasked.
 *
 * <p>
 * The payload may be a view of the engine's shared read buffer: it is valid only until
 * the decoder is called again, so a consumer that keeps it must copy it.
 *
 * @param fin whether this is the final fragment of a message
 * @param rsv the three reserved bits, as a mask of the first header byte ({@code 0x40}
 * RSV1, {@code 0x20} RSV2, {@code 0x10} RSV3)
 * @param opCode the opcode
 * @param payload the unmasked payload, positioned at its first byte
 * @author wsboot
 */
public record Frame(boolean fin, int rsv, OpCode opCode, ByteBuffer payload) {

	/** The RSV1 bit of the first header byte. */
	public static final int RSV1 = 0x40; // 0100_0000

	/** The RSV2 bit of the first header byte. */
	public static final int RSV2 = 0x20; // 0010_0000

	/** The RSV3 bit of the first header byte. */
	public static final int RSV3 = 0x10; // 0001_0000

	/** Largest payload of a control frame (RFC 6455 §5.5). */
	public static final int MAX_CONTROL_PAYLOAD_BYTES = 125;

}
