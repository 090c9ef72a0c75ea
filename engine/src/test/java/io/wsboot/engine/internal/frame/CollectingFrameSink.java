package io.wsboot.engine.internal.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.frame.Frame;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FrameSink} that records each decoded frame as a {@link Frame} with a copy of
 * its payload, and each callback as a line of text, checking that the callbacks come in a
 * legal order.
 */
public final class CollectingFrameSink implements FrameSink {

	private final List<Frame> frames = new ArrayList<>();

	private final List<String> events = new ArrayList<>();

	private @Nullable ByteArrayOutputStream payload;

	private boolean fin;

	private int rsv;

	private OpCode opCode = OpCode.CONTINUATION;

	private long declaredLength;

	private int payloadCalls;

	@Override
	public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
		if (this.payload != null) {
			throw new AssertionError("frameStart(" + opCode + ") before the end of the previous frame");
		}
		this.payload = new ByteArrayOutputStream();
		this.fin = fin;
		this.rsv = rsv;
		this.opCode = opCode;
		this.declaredLength = payloadLength;
		this.events.add("start " + opCode + " fin=" + fin + " rsv=" + rsv + " length=" + payloadLength);
	}

	@Override
	public void payload(ByteBuffer chunk) {
		ByteArrayOutputStream current = this.payload;
		if (current == null) {
			throw new AssertionError("payload outside a frame");
		}
		byte[] bytes = new byte[chunk.remaining()];
		chunk.duplicate().get(bytes);
		current.writeBytes(bytes);
		this.payloadCalls++;
		this.events.add("payload " + bytes.length);
	}

	@Override
	public void frameEnd() {
		ByteArrayOutputStream current = this.payload;
		if (current == null) {
			throw new AssertionError("frameEnd outside a frame");
		}
		byte[] bytes = current.toByteArray();
		if (bytes.length != this.declaredLength) {
			throw new AssertionError("frame ended with " + bytes.length + " of " + this.declaredLength + " bytes");
		}
		this.frames.add(new Frame(this.fin, this.rsv, this.opCode, ByteBuffer.wrap(bytes)));
		this.events.add("end");
		this.payload = null;
	}

	/**
	 * Return the frames ended so far.
	 * @return the frames, payloads positioned at their first byte
	 */
	public List<Frame> frames() {
		return this.frames;
	}

	/**
	 * Return the callbacks so far, such as {@code "start TEXT fin=true rsv=0 length=5"},
	 * {@code "payload 5"} and {@code "end"}.
	 * @return the callbacks
	 */
	public List<String> events() {
		return this.events;
	}

	/**
	 * Return how many {@code payload} calls were made.
	 * @return the count
	 */
	public int payloadCalls() {
		return this.payloadCalls;
	}

	/**
	 * Whether a frame has started and not ended.
	 * @return {@code true} inside a frame
	 */
	public boolean isInFrame() {
		return this.payload != null;
	}

	/**
	 * Return a frame with a text payload, for comparison with recorded frames.
	 * @param fin the FIN bit
	 * @param opCode the opcode
	 * @param text the payload as UTF-8
	 * @return the frame
	 */
	public static Frame frame(boolean fin, OpCode opCode, String text) {
		return new Frame(fin, 0, opCode, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Return a frame, for comparison with recorded frames.
	 * @param fin the FIN bit
	 * @param opCode the opcode
	 * @param payload the payload
	 * @return the frame
	 */
	public static Frame frame(boolean fin, OpCode opCode, byte[] payload) {
		return new Frame(fin, 0, opCode, ByteBuffer.wrap(payload));
	}

}
