package io.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.wsboot.engine.FrameSummary;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.internal.frame.FrameEncoder;
import org.jspecify.annotations.Nullable;

/**
 * One queued frame (RFC 6455 §5.2) or handshake response, and the future its sender waits
 * on: one object per message. A frame keeps its header fields and payload; the header is
 * encoded only when the frame is copied into the event loop's write buffer. The payload's
 * position is never moved: progress is counted in {@link #sent}.
 */
final class QueuedFrame extends CompletableFuture<SendResult> {

	/**
	 * Smallest direct payload written from its own buffer by a gathering write rather
	 * than copied into the write buffer.
	 */
	static final int MIN_GATHERED_PAYLOAD_BYTES = 8 * 1024;

	private static final byte[] NO_BYTES = {};

	enum Kind {

		/** A data frame: counted against the queue limit and droppable. */
		DATA,

		/** A ping: never dropped. */
		CONTROL,

		/**
		 * The pong answering a client's ping: replaced by a newer one while unsent, never
		 * dropped otherwise.
		 */
		PONG,

		/** The close frame: nothing is sent after it. */
		CLOSE,

		/** The HTTP response of the opening handshake. */
		HANDSHAKE

	}

	// The fields are narrow: one entry is allocated per message sent

	final Kind kind;

	final boolean text;

	/** The first header byte, unused when {@link #headerLength} is 0. */
	private final byte firstByte;

	/** 2, 4 or 10 for a frame; 0 for bytes already encoded. */
	private final byte headerLength;

	/**
	 * The payload: a {@code byte[]}, or a {@code ByteBuffer} read at absolute indexes
	 * (or, when {@link #isGathered() gathered}, a view of its own whose position moves).
	 */
	private Object payload;

	/** Where the payload starts in the array or buffer. */
	private int payloadOffset;

	private final int payloadLength;

	/** Payload bytes of the message, for the counters (0 for a handshake response). */
	final int payloadBytes;

	/** Size of the message before an extension encoded it. */
	final int messageBytes;

	/** Bytes the socket took so far; touched under the queue's lock. */
	long sent;

	/** The next entry in the queue. */
	@Nullable QueuedFrame next;

	private QueuedFrame(Kind kind, boolean text, int firstByte, int headerLength, Object payload, int payloadOffset,
			int payloadLength, int payloadBytes, int messageBytes) {
		this.kind = kind;
		this.text = text;
		this.firstByte = (byte) firstByte;
		this.headerLength = (byte) headerLength;
		this.payload = (payload instanceof ByteBuffer buffer && isGathered(buffer, payloadLength)) ? buffer.duplicate()
				: payload;
		this.payloadOffset = payloadOffset;
		this.payloadLength = payloadLength;
		this.payloadBytes = payloadBytes;
		this.messageBytes = messageBytes;
	}

	/**
	 * Create a whole data message whose payload is an array.
	 * @param type {@link OpCode#TEXT} or {@link OpCode#BINARY}
	 * @param payload the payload, not copied
	 */
	static QueuedFrame data(OpCode type, byte[] payload) {
		int length = payload.length;
		int firstByte = FrameEncoder.firstByte(true, 0, type, length);
		return new QueuedFrame(Kind.DATA, type == OpCode.TEXT, firstByte, FrameEncoder.headerLength(length), payload, 0,
				length, length, length);
	}

	/**
	 * Create a whole data message whose payload is a buffer's remaining bytes.
	 * @param type {@link OpCode#TEXT} or {@link OpCode#BINARY}
	 * @param rsv the RSV bits an extension set
	 * @param payload the payload, not copied, its position never moved
	 * @param messageBytes the size of the message before an extension encoded it
	 */
	static QueuedFrame data(OpCode type, int rsv, ByteBuffer payload, int messageBytes) {
		int length = payload.remaining();
		int firstByte = FrameEncoder.firstByte(true, rsv, type, length);
		return new QueuedFrame(Kind.DATA, type == OpCode.TEXT, firstByte, FrameEncoder.headerLength(length), payload,
				payload.position(), length, length, messageBytes);
	}

	/**
	 * Create a control frame with a copy of the payload.
	 * @param kind {@link Kind#CONTROL}, {@link Kind#PONG} or {@link Kind#CLOSE}
	 * @param opCode the control opcode
	 * @param payload at most 125 bytes, copied
	 */
	static QueuedFrame control(Kind kind, OpCode opCode, ByteBuffer payload) {
		int length = payload.remaining();
		int firstByte = FrameEncoder.firstByte(true, 0, opCode, length);
		byte[] copy = NO_BYTES;
		if (length > 0) {
			copy = new byte[length];
			payload.duplicate().get(copy);
		}
		return new QueuedFrame(kind, false, firstByte, FrameEncoder.headerLength(length), copy, 0, length, length,
				length);
	}

	/**
	 * Create an entry for bytes already encoded: a shared frame or a handshake response.
	 * @param kind the kind
	 * @param encoded the bytes, their position never moved
	 * @param payloadBytes the payload bytes they carry, for the counters
	 * @param text whether they are a text message
	 */
	static QueuedFrame encoded(Kind kind, ByteBuffer encoded, int payloadBytes, boolean text) {
		return new QueuedFrame(kind, text, 0, 0, encoded, encoded.position(), encoded.remaining(), payloadBytes,
				payloadBytes);
	}

	/**
	 * Return the size on the wire.
	 * @return header and payload bytes
	 */
	long bytes() {
		return (long) this.headerLength + this.payloadLength;
	}

	boolean isWritten() {
		return this.sent == bytes();
	}

	boolean isStarted() {
		return this.sent > 0;
	}

	/**
	 * Whether the payload is written from its own buffer by a gathering write: a large
	 * direct payload, which the socket can take without a copy.
	 */
	boolean isGathered() {
		return this.payload instanceof ByteBuffer buffer && isGathered(buffer, this.payloadLength);
	}

	private static boolean isGathered(ByteBuffer buffer, int payloadLength) {
		return buffer.isDirect() && payloadLength >= MIN_GATHERED_PAYLOAD_BYTES;
	}

	/**
	 * Copy the unsent bytes at the buffer's position, as many as fit.
	 * @param dst the write buffer
	 * @return whether all of them fit
	 */
	boolean copyInto(ByteBuffer dst) {
		if (!copyHeaderInto(dst)) {
			return false;
		}
		int from = (int) Math.max(0, this.sent - this.headerLength);
		int count = Math.min(dst.remaining(), this.payloadLength - from);
		if (count > 0) {
			if (this.payload instanceof byte[] array) {
				dst.put(array, this.payloadOffset + from, count);
			}
			else {
				int position = dst.position();
				dst.put(position, (ByteBuffer) this.payload, this.payloadOffset + from, count);
				dst.position(position + count);
			}
		}
		return from + count == this.payloadLength;
	}

	/**
	 * Copy what is unsent of the header, or nothing when it does not all fit.
	 * @param dst the write buffer
	 * @return whether the header is now complete
	 */
	boolean copyHeaderInto(ByteBuffer dst) {
		long from = this.sent;
		if (from >= this.headerLength) {
			return true;
		}
		if (dst.remaining() < this.headerLength - from) {
			return false;
		}
		if (from == 0) {
			FrameEncoder.writeHeader(dst, this.firstByte, this.payloadLength);
		}
		else {
			// the socket took part of the header: rare enough for a scratch buffer
			ByteBuffer header = ByteBuffer.allocate(this.headerLength);
			FrameEncoder.writeHeader(header, this.firstByte, this.payloadLength);
			dst.put(header.flip().position((int) from));
		}
		return true;
	}

	/**
	 * Copy a payload the sender only lent (a view of an event loop's read buffer) into an
	 * array of its own, so that the buffer can be used again; under the queue's lock.
	 * Progress is counted in {@link #sent}, so the copy continues where the socket
	 * stopped.
	 */
	void detachPayload() {
		if (this.payload instanceof ByteBuffer buffer) {
			byte[] copy = new byte[this.payloadLength];
			buffer.get(this.payloadOffset, copy, 0, this.payloadLength);
			this.payload = copy;
			this.payloadOffset = 0;
		}
	}

	/**
	 * Return the unsent payload of a {@link #isGathered() gathered} entry whose header is
	 * sent or copied.
	 * @return this entry's view of the payload, from the first unsent byte
	 */
	ByteBuffer unsentPayload() {
		ByteBuffer view = (ByteBuffer) this.payload;
		long from = Math.max(0, this.sent - this.headerLength);
		view.limit(this.payloadOffset + this.payloadLength);
		view.position(this.payloadOffset + (int) from);
		return view;
	}

	/**
	 * Summarise the frame for a traffic log: opcode, length and first payload bytes, read
	 * at absolute indexes (RFC 6455 §5.2); an encoded entry's header is read back from
	 * its bytes. A frame listener is rare, so this costs nothing on the usual path.
	 * @param headBytes how many payload bytes to copy at most
	 * @return the summary
	 */
	FrameSummary summary(int headBytes) {
		int first;
		long length;
		int payloadStart;
		if (this.headerLength != 0) {
			first = this.firstByte;
			length = this.payloadLength;
			payloadStart = this.payloadOffset;
		}
		else {
			// a shared frame, encoded once: the server's frames are not masked
			first = byteAt(this.payloadOffset);
			int code = byteAt(this.payloadOffset + 1) & 0x7F; // 0111_1111
			int extended = (code == 126) ? 2 : (code == 127) ? 8 : 0;
			length = code;
			if (extended > 0) {
				length = 0;
				for (int i = 0; i < extended; i++) {
					length = (length << 8) | (byteAt(this.payloadOffset + 2 + i) & 0xFF);
				}
			}
			payloadStart = this.payloadOffset + 2 + extended;
		}
		OpCode opCode = Objects.requireNonNull(OpCode.fromCode(first & 0x0F)); // 0000_1111
		int count = (int) Math.min(Math.max(0, headBytes), length);
		byte[] head = new byte[count];
		for (int i = 0; i < count; i++) {
			head[i] = (byte) byteAt(payloadStart + i);
		}
		return new FrameSummary(FrameSummary.Direction.OUT, opCode, (first & 0x80) != 0, length, head); // 1000_0000
	}

	private int byteAt(int index) {
		return (this.payload instanceof byte[] array) ? array[index] : ((ByteBuffer) this.payload).get(index);
	}

}
