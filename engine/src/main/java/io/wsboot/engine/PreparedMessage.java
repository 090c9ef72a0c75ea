package io.wsboot.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import io.wsboot.engine.internal.frame.FrameEncoder;
import org.jspecify.annotations.Nullable;

/**
 * A data message encoded once and sent to many sessions, as broadcasts do: sessions
 * without a payload-transforming extension share the same frame bytes.
 *
 * @author wsboot
 */
public final class PreparedMessage {

	private final OpCode type;

	private final ByteBuffer payload;

	private volatile @Nullable ByteBuffer frame;

	private PreparedMessage(OpCode type, ByteBuffer payload) {
		this.type = type;
		this.payload = payload.asReadOnlyBuffer();
	}

	/**
	 * Prepare a text message.
	 * @param text the message
	 * @return the prepared message
	 */
	public static PreparedMessage text(String text) {
		Objects.requireNonNull(text, "text");
		return new PreparedMessage(OpCode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Prepare a binary message; the buffer's remaining bytes are copied.
	 * @param data the message
	 * @return the prepared message
	 */
	public static PreparedMessage binary(ByteBuffer data) {
		ByteBuffer copy = ByteBuffer.allocate(data.remaining());
		copy.put(data.duplicate()).flip();
		return new PreparedMessage(OpCode.BINARY, copy);
	}

	/**
	 * Return the message type.
	 * @return {@link OpCode#TEXT} or {@link OpCode#BINARY}
	 */
	public OpCode type() {
		return this.type;
	}

	/**
	 * Return a read-only view of the payload.
	 * @return the payload
	 */
	public ByteBuffer payload() {
		return this.payload.duplicate();
	}

	/**
	 * Return a read-only view of the complete, unfragmented, unmasked frame.
	 * @return the frame bytes, encoded on first use and shared afterwards
	 */
	public ByteBuffer frame() {
		ByteBuffer frame = this.frame;
		if (frame == null) {
			frame = FrameEncoder.frame(true, 0, this.type, this.payload.duplicate()).asReadOnlyBuffer();
			this.frame = frame;
		}
		return frame.duplicate();
	}

}
