package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;

/**
 * Receives the frames that a {@link FrameDecoder} decodes (RFC 6455 §5.2), as a header
 * followed by the unmasked payload in one or more chunks.
 *
 * <p>
 * For each frame the decoder calls {@link #frameStart} once, then zero or more payload
 * calls, then {@link #frameEnd} once; frames never interleave. A data frame's payload is
 * passed on as it arrives, possibly in many chunks, still masked, to
 * {@link #maskedPayload}, whose default unmasks it in place and calls {@link #payload}; a
 * sink that copies the payload anyway overrides it to unmask its copy. A zero-length data
 * frame gets no payload call at all. A control frame gets exactly one {@code payload}
 * call with its whole unmasked payload, possibly empty, and its three calls are made back
 * to back once all of it has arrived.
 *
 * <p>
 * Any exception thrown by the sink propagates out of
 * {@link FrameDecoder#decode(ByteBuffer, FrameSink)} and leaves the decoder failed.
 *
 * @author wsboot
 * @see FrameDecoder
 */
public interface FrameSink {

	/**
	 * Called when a frame's header has been read and checked.
	 * @param fin whether this is the final fragment of a message
	 * @param rsv the RSV bits as a mask of the first header byte (see
	 * {@link io.wsboot.engine.internal.frame.Frame#RSV1})
	 * @param opCode the opcode, never a reserved one
	 * @param payloadLength the declared payload length, at most the decoder's limit
	 * @throws WsProtocolException to fail the connection
	 */
	void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) throws WsProtocolException;

	/**
	 * Called with the next bytes of the payload of the current frame, unmasked.
	 * @param chunk the unmasked bytes, between its position and limit; the buffer is the
	 * caller's read buffer narrowed to the chunk, or a view of it or of a control-frame
	 * buffer, valid only during this call: copy what must be kept. The sink may move its
	 * position, not its limit.
	 * @throws WsProtocolException to fail the connection
	 */
	void payload(ByteBuffer chunk) throws WsProtocolException;

	/**
	 * Called with the next bytes of the payload of the current data frame, still masked
	 * (RFC 6455 §5.3). The default unmasks them in place and calls {@link #payload}; a
	 * sink that copies the bytes anyway may instead unmask its copy, with
	 * {@link Masking#maskInto}, and so touch the read buffer only once.
	 * @param chunk the masked bytes, between its position and limit; the caller's read
	 * buffer narrowed to the chunk, writable, valid only during this call. The sink may
	 * move its position, not its limit.
	 * @param maskKey the frame's masking key, for {@link Masking}
	 * @param frameOffset the offset of the chunk's first byte within the frame's payload
	 * @throws WsProtocolException to fail the connection
	 */
	default void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) throws WsProtocolException {
		Masking.mask(chunk, chunk.position(), chunk.limit(), maskKey, frameOffset);
		payload(chunk);
	}

	/**
	 * Called after the last byte of the current frame's payload.
	 * @throws WsProtocolException to fail the connection
	 */
	void frameEnd() throws WsProtocolException;

}
