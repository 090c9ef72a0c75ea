package io.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;

import io.wsboot.engine.FrameListener;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.frame.FrameDecoder;
import io.wsboot.engine.internal.frame.FrameSink;
import io.wsboot.engine.internal.session.CloseFrames;
import io.wsboot.engine.internal.session.CloseHandshake.Event;
import io.wsboot.engine.internal.session.MessageAssembler;
import io.wsboot.engine.internal.session.MessageListener;
import io.wsboot.engine.internal.session.MessageRate;
import org.jspecify.annotations.Nullable;

/**
 * The read side of an upgraded connection (RFC 6455 §5): it decodes the frames a client
 * sends, answers pings, passes the close frame to the close handshake, and puts data
 * frames together into messages for the handler. A connection creates it on its first
 * frame bytes rather than at the upgrade: most of a server's connections are idle at any
 * moment, and an idle connection keeps no decoder nor assembler.
 */
final class Inbox implements FrameSink, MessageListener {

	/**
	 * Header (2) and mask (4) of a client control frame, whose payload is at most 125.
	 */
	private static final int CLIENT_CONTROL_OVERHEAD_BYTES = 6;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final Connection connection;

	private final Session session;

	private final FrameDecoder decoder;

	private final MessageAssembler assembler;

	/** Where the decoder puts frames: this inbox, or a tap in front of it. */
	private final FrameSink sink;

	/** The opcode of the control frame being received, {@code null} in a data frame. */
	private @Nullable OpCode controlOpCode;

	private ByteBuffer controlPayload = EMPTY;

	/** The client's message rate, when the limits set one. */
	private final @Nullable MessageRate messageRate;

	/**
	 * Create the read side of a connection.
	 * @param connection the connection
	 * @param session its session, which the handler sees
	 * @param codec the negotiated extension, or {@code null}
	 */
	Inbox(Connection connection, Session session, @Nullable ExtensionCodec codec) {
		this.connection = connection;
		this.session = session;
		WsLimits limits = session.limits();
		this.decoder = new FrameDecoder(limits.maxFramePayloadBytes(), (codec != null) ? codec.rsvMask() : 0);
		this.assembler = new MessageAssembler(limits.maxMessageBytes(), this, connection.loop().textScratch());
		this.assembler.setExtension(codec);
		this.assembler.setBorrowBinary(session.handler().borrowsBinaryMessages());
		this.messageRate = (limits.maxMessagesPerSecond() > 0)
				? new MessageRate(limits.maxMessagesPerSecond(), limits.effectiveMessageBurst(), System.nanoTime())
				: null;
		FrameListener frameListener = session.frameListener();
		this.sink = (frameListener != null) ? new FrameTap(this, session, frameListener) : this;
	}

	/**
	 * Decode the bytes read, as long as the connection reads input.
	 * @param buffer the bytes, moved past those consumed
	 * @throws WsProtocolException when a frame breaks RFC 6455 or the limits
	 */
	void decode(ByteBuffer buffer) throws WsProtocolException {
		int start = buffer.position();
		try {
			// RFC 6455 §5.4: frames are processed in the order received, so a message
			// that precedes a protocol error in the same read is delivered first
			while (buffer.hasRemaining() && this.connection.readsInput()) {
				this.decoder.decode(buffer, this.sink);
			}
		}
		finally {
			this.session.counters().wireBytesIn += buffer.position() - start;
		}
	}

	@Override
	public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
		if (opCode.isControl()) {
			this.controlOpCode = opCode;
			this.controlPayload = EMPTY;
			return;
		}
		this.controlOpCode = null;
		this.session.counters().payloadBytesIn += payloadLength;
		this.assembler.frameStart(fin, rsv, opCode, payloadLength);
	}

	@Override
	public void payload(ByteBuffer chunk) {
		if (this.controlOpCode != null) {
			// the decoder passes a control frame's whole payload (at most 125 bytes) at
			// once, as a view of the read buffer: keep a copy
			ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
			copy.put(chunk).flip();
			this.controlPayload = copy;
			return;
		}
		this.assembler.payload(chunk);
	}

	@Override
	public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) {
		// data frames only: unmasked while copied out of the read buffer
		this.assembler.maskedPayload(chunk, maskKey, frameOffset);
	}

	@Override
	public void frameEnd() {
		OpCode opCode = this.controlOpCode;
		if (opCode == null) {
			this.assembler.frameEnd();
			return;
		}
		this.controlOpCode = null;
		ByteBuffer payload = this.controlPayload;
		this.controlPayload = EMPTY;
		this.session.counters().controlFrameReceived(CLIENT_CONTROL_OVERHEAD_BYTES + payload.remaining());
		switch (opCode) {
			case PING -> {
				// RFC 6455 §5.5.2: answer a ping with a pong that carries the same data;
				// RFC 6455 §5.5.1: but no frame may follow our close frame
				if (!this.connection.isClosing()) {
					this.connection.outbox().sendPong(payload);
				}
			}
			case PONG ->
				this.session.invokeHandler("onPong", () -> this.session.handler().onPong(this.session, payload));
			case CLOSE -> this.connection.closeEvent(Event.CLOSE_RECEIVED, CloseFrames.parse(payload));
			default -> throw new IllegalStateException("not a control opcode: " + opCode);
		}
	}

	@Override
	public void onText(String text) {
		ConnectionStats stats = this.session.counters();
		stats.textMessagesIn++;
		stats.messageBytesIn += this.assembler.lastMessageBytes();
		if (!withinRate()) {
			return;
		}
		this.session.invokeHandler("onText", () -> this.session.handler().onText(this.session, text));
	}

	@Override
	public void onBinary(ByteBuffer data) {
		ConnectionStats stats = this.session.counters();
		stats.binaryMessagesIn++;
		stats.messageBytesIn += this.assembler.lastMessageBytes();
		if (!withinRate()) {
			return;
		}
		// a borrowed message is a view of the read buffer, valid during the call only
		boolean borrowed = this.assembler.lastBinaryBorrowed();
		EventLoop loop = this.connection.loop();
		if (borrowed) {
			loop.lend(data);
		}
		try {
			this.session.invokeHandler("onBinary", () -> this.session.handler().onBinary(this.session, data));
		}
		finally {
			if (borrowed) {
				loop.lend(null);
			}
		}
	}

	/**
	 * Whether a message is within the client's message rate; one that is not is dropped,
	 * or closes the connection, by the limits' policy.
	 */
	private boolean withinRate() {
		MessageRate rate = this.messageRate;
		if (rate == null || rate.tryTake(System.nanoTime())) {
			return true;
		}
		this.connection.messageRateExceeded(this.session);
		return false;
	}

}
