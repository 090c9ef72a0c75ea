package io.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.wsboot.engine.FrameListener;
import io.wsboot.engine.FrameSummary;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.internal.frame.FrameSink;
import io.wsboot.engine.internal.frame.Masking;

/**
 * Summarises each frame received (RFC 6455 §5.2) for a session's {@link FrameListener} on
 * its way to the {@link Inbox}: put between the decoder and the inbox only for sessions
 * that have a frame listener, so that the others pay nothing.
 */
final class FrameTap implements FrameSink {

	private final FrameSink next;

	private final WsSession session;

	private final FrameListener listener;

	private final byte[] head;

	private int headLength;

	private OpCode opCode = OpCode.CONTINUATION;

	private boolean fin;

	private long payloadLength;

	FrameTap(FrameSink next, WsSession session, FrameListener listener) {
		this.next = next;
		this.session = session;
		this.listener = listener;
		this.head = new byte[Math.max(0, listener.payloadHeadBytes())];
	}

	@Override
	public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) throws WsProtocolException {
		this.fin = fin;
		this.opCode = opCode;
		this.payloadLength = payloadLength;
		this.headLength = 0;
		this.next.frameStart(fin, rsv, opCode, payloadLength);
	}

	@Override
	public void payload(ByteBuffer chunk) throws WsProtocolException {
		int count = Math.min(this.head.length - this.headLength, chunk.remaining());
		if (count > 0) {
			chunk.get(chunk.position(), this.head, this.headLength, count);
			this.headLength += count;
		}
		this.next.payload(chunk);
	}

	@Override
	public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) throws WsProtocolException {
		int count = Math.min(this.head.length - this.headLength, chunk.remaining());
		if (count > 0) {
			// RFC 6455 §5.3: the copy is unmasked; the chunk is left as it came
			Masking.maskInto(chunk, chunk.position(), chunk.position() + count, this.head, this.headLength, maskKey,
					frameOffset);
			this.headLength += count;
		}
		this.next.maskedPayload(chunk, maskKey, frameOffset);
	}

	@Override
	public void frameEnd() throws WsProtocolException {
		// told before the inbox acts on the frame: a close frame's summary comes before
		// the close frame sent in answer
		this.listener.frame(this.session, new FrameSummary(FrameSummary.Direction.IN, this.opCode, this.fin,
				this.payloadLength, Arrays.copyOf(this.head, this.headLength)));
		this.next.frameEnd();
	}

}
