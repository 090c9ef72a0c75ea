package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SlowConsumerPolicy;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.internal.extension.EncodedPayload;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.session.CloseFrames;
import org.jspecify.annotations.Nullable;

/**
 * Everything a connection has to send, from any thread: it encodes frames, runs the
 * extension's compression in queue order, applies the slow-consumer policy, and refuses
 * data once a close frame is queued or requested (RFC 6455 §5.5.1). The event loop drains
 * it into the socket.
 */
final class Outbox {

	/**
	 * What an outbox asks of its connection; the connection itself implements it, so that
	 * an outbox holds no callback objects of its own.
	 */
	interface Owner {

		/** Ask the event loop to write, from any thread. */
		void scheduleFlush();

		/** The CLOSE policy gave up on the client; called once, from any thread. */
		void overflowed();

		/** Count a data message dropped by the slow-consumer policy, from any thread. */
		void messageDropped();

		/**
		 * Count a frame the socket took completely, on the event loop, before its sender
		 * hears of it.
		 */
		void frameWritten(QueuedFrame frame);

	}

	/**
	 * The frames waiting for the socket, and the lock that orders the refusal check, the
	 * compression context and the queue: the queue is touched only under its own monitor,
	 * by senders and by the event loop's writes. No one else locks it, so a connection
	 * needs no lock object nor a field for one.
	 */
	private final FrameQueue queue;

	private final Owner owner;

	/**
	 * Set under {@link #queue}'s monitor once a close frame is queued or requested, or
	 * the queue overflowed: from then on data is refused, so that no data frame can
	 * follow the close frame nor fill the gap before a 1013 close.
	 */
	private volatile boolean closing;

	private volatile WsLimits limits;

	private volatile @Nullable ExtensionCodec extension;

	/**
	 * Create an outbox.
	 * @param queue the queue it fills
	 * @param limits the limits until the connection is routed
	 * @param owner the connection: flushes, gives up on a slow client, counts drops
	 */
	Outbox(FrameQueue queue, WsLimits limits, Owner owner) {
		this.queue = queue;
		this.limits = limits;
		this.owner = owner;
	}

	/**
	 * Return the queue, whose size the session's statistics report.
	 * @return the queue
	 */
	FrameQueue queue() {
		return this.queue;
	}

	/**
	 * Return the negotiated extension, which the connection's read side uses too.
	 * @return the extension, or {@code null}
	 */
	@Nullable ExtensionCodec extension() {
		return this.extension;
	}

	/**
	 * Take the endpoint's limits and the negotiated extension; before the 101 response is
	 * queued.
	 */
	void upgraded(WsLimits limits, @Nullable ExtensionCodec extension) {
		this.limits = limits;
		this.extension = extension;
	}

	boolean isClosing() {
		return this.closing;
	}

	/**
	 * Refuse data from now on, because a close is about to be queued.
	 * @return {@code false} when already closing
	 */
	boolean requestClose() {
		synchronized (this.queue) {
			if (this.closing) {
				return false;
			}
			this.closing = true;
			return true;
		}
	}

	/**
	 * Queue a text message.
	 * @param utf8 the message's UTF-8 bytes, not copied
	 * @return completes when the message is written, dropped or refused
	 */
	CompletableFuture<SendResult> sendText(byte[] utf8) {
		if (this.extension != null) {
			return sendData(OpCode.TEXT, ByteBuffer.wrap(utf8));
		}
		return offerData(QueuedFrame.data(OpCode.TEXT, utf8));
	}

	/**
	 * Queue a binary message. A handler may send back the message it borrowed, a view of
	 * its event loop's read buffer (see
	 * {@link io.wsboot.engine.WsHandler#borrowsBinaryMessages()}): the frame then keeps
	 * the view, and the loop gives it a copy if it is still unwritten when the buffer is
	 * read into again.
	 * @param data the message, not copied unless it is part of a borrowed view
	 * @param loop the event loop of this outbox's connection
	 * @return completes when the message is written, dropped or refused
	 */
	CompletableFuture<SendResult> sendBinary(ByteBuffer data, EventLoop loop) {
		EventLoop current = data.isDirect() ? EventLoop.current() : null;
		ByteBuffer lent = (current != null) ? current.lent() : null;
		if (lent == null) {
			return sendData(OpCode.BINARY, data);
		}
		if (data != lent || current != loop) {
			// a view of the lent buffer, or a session whose loop writes later: either
			// could see the read buffer overwritten, so the frame gets a copy
			ByteBuffer copy = ByteBuffer.allocate(data.remaining());
			copy.put(data.duplicate()).flip();
			return sendData(OpCode.BINARY, copy);
		}
		CompletableFuture<SendResult> result = sendData(OpCode.BINARY, data);
		if (!result.isDone() && result instanceof QueuedFrame frame) {
			current.lentFrameQueued(frame, this);
		}
		return result;
	}

	CompletableFuture<SendResult> sendData(OpCode type, ByteBuffer payload) {
		List<QueuedFrame> dropped = evictionList();
		FrameQueue.Admission admission;
		QueuedFrame frame;
		synchronized (this.queue) {
			ExtensionCodec codec = this.extension;
			if (this.closing || codec == null) {
				frame = QueuedFrame.data(type, 0, payload, payload.remaining());
				if (this.closing) {
					frame.complete(SendResult.CLOSED);
					return frame;
				}
			}
			else {
				// encode under the lock: compression state depends on the message order
				int messageBytes = payload.remaining();
				EncodedPayload encoded = codec.encode(type, payload);
				frame = QueuedFrame.data(type, encoded.rsv(), encoded.payload(), messageBytes);
			}
			admission = offerDataLocked(frame, dropped);
		}
		return admitted(admission, frame, dropped);
	}

	CompletableFuture<SendResult> sendPrepared(PreparedMessage message) {
		if (this.extension != null) {
			return sendData(message.type(), message.payload());
		}
		// the frame bytes are encoded once and shared by every session it goes to
		ByteBuffer frame = message.frame();
		return offerData(QueuedFrame.encoded(QueuedFrame.Kind.DATA, frame, frame.remaining() - headerLength(frame),
				message.type() == OpCode.TEXT));
	}

	/**
	 * Return the header length of an encoded unmasked frame, read from its 7-bit length
	 * field (RFC 6455 §5.2).
	 */
	private static int headerLength(ByteBuffer frame) {
		int length7 = frame.get(frame.position() + 1) & 0x7F; // 0111_1111
		return switch (length7) {
			case 126 -> 4;
			case 127 -> 10;
			default -> 2;
		};
	}

	private CompletableFuture<SendResult> offerData(QueuedFrame frame) {
		List<QueuedFrame> dropped = evictionList();
		FrameQueue.Admission admission;
		synchronized (this.queue) {
			if (this.closing) {
				frame.complete(SendResult.CLOSED);
				return frame;
			}
			admission = offerDataLocked(frame, dropped);
		}
		return admitted(admission, frame, dropped);
	}

	/**
	 * Queue a ping or pong. A ping from the application is refused once closing; the
	 * engine's own pongs and keep-alive pings are queued while the connection is open.
	 */
	CompletableFuture<SendResult> sendControl(OpCode opCode, ByteBuffer payload, boolean refuseWhenClosing) {
		QueuedFrame control = QueuedFrame.control(QueuedFrame.Kind.CONTROL, opCode, payload);
		synchronized (this.queue) {
			if (refuseWhenClosing && this.closing) {
				control.complete(SendResult.CLOSED);
				return control;
			}
			offerUnlimited(control);
		}
		this.owner.scheduleFlush();
		return control;
	}

	/**
	 * Queue the answer to a client's ping; past the outbound queue limit it replaces
	 * older unsent pongs (see {@link FrameQueue#offer}), so that a client that pings but
	 * never reads cannot grow the queue.
	 */
	void sendPong(ByteBuffer payload) {
		QueuedFrame pong = QueuedFrame.control(QueuedFrame.Kind.PONG, OpCode.PONG, payload);
		List<QueuedFrame> replaced = new ArrayList<>(0);
		FrameQueue.Admission admission;
		synchronized (this.queue) {
			admission = this.queue.offer(pong, this.limits.maxOutboundQueueBytes(), this.limits.slowConsumerPolicy(),
					replaced);
		}
		for (QueuedFrame older : replaced) {
			older.complete(SendResult.DROPPED);
		}
		if (admission == FrameQueue.Admission.ACCEPTED) {
			this.owner.scheduleFlush();
		}
	}

	void sendClose(CloseStatus status) {
		QueuedFrame close = QueuedFrame.control(QueuedFrame.Kind.CLOSE, OpCode.CLOSE, CloseFrames.payload(status));
		synchronized (this.queue) {
			this.closing = true;
			offerUnlimited(close);
		}
		this.owner.scheduleFlush();
	}

	/**
	 * Drop everything queued, none of it started, for a handshake response that refuses
	 * the upgrade after all; data is refused from now on.
	 * @param response the HTTP error response
	 */
	void replaceWithHandshakeResponse(ByteBuffer response) {
		List<QueuedFrame> dropped = new ArrayList<>();
		synchronized (this.queue) {
			this.closing = true;
			this.queue.clear(dropped);
			offerUnlimited(QueuedFrame.encoded(QueuedFrame.Kind.HANDSHAKE, response, 0, false));
		}
		for (QueuedFrame frame : dropped) {
			frame.complete(SendResult.CLOSED);
		}
		this.owner.scheduleFlush();
	}

	void sendHandshakeResponse(ByteBuffer response) {
		synchronized (this.queue) {
			offerUnlimited(QueuedFrame.encoded(QueuedFrame.Kind.HANDSHAKE, response, 0, false));
		}
		this.owner.scheduleFlush();
	}

	private void offerUnlimited(QueuedFrame frame) {
		if (this.queue.offer(frame, Long.MAX_VALUE, this.limits.slowConsumerPolicy(),
				List.of()) != FrameQueue.Admission.ACCEPTED) {
			frame.complete(SendResult.CLOSED);
		}
	}

	/**
	 * Return where the queue puts the messages it evicts: only DROP_OLDEST evicts data,
	 * so the other policies need no list and a send allocates none.
	 */
	private List<QueuedFrame> evictionList() {
		return (this.limits.slowConsumerPolicy() == SlowConsumerPolicy.DROP_OLDEST) ? new ArrayList<>(1) : List.of();
	}

	/**
	 * Queue a data frame; called under {@link #queue}'s monitor.
	 */
	private FrameQueue.Admission offerDataLocked(QueuedFrame frame, List<QueuedFrame> dropped) {
		FrameQueue.Admission admission = this.queue.offer(frame, this.limits.maxOutboundQueueBytes(),
				this.limits.slowConsumerPolicy(), dropped);
		if (admission == FrameQueue.Admission.OVERFLOW) {
			this.closing = true;
		}
		return admission;
	}

	private CompletableFuture<SendResult> admitted(FrameQueue.Admission admission, QueuedFrame frame,
			List<QueuedFrame> dropped) {
		// indexed, so that the usual empty list costs no iterator per send
		for (int i = 0; i < dropped.size(); i++) {
			this.owner.messageDropped();
			dropped.get(i).complete(SendResult.DROPPED);
		}
		switch (admission) {
			case ACCEPTED -> this.owner.scheduleFlush();
			case DROPPED -> {
				this.owner.messageDropped();
				frame.complete(SendResult.DROPPED);
			}
			case CLOSED -> frame.complete(SendResult.CLOSED);
			case OVERFLOW -> {
				frame.complete(SendResult.CLOSED);
				this.owner.overflowed();
			}
		}
		return frame;
	}

	/**
	 * Report every data frame not yet started CLOSED, so that the close frame goes next.
	 */
	void discardUnstartedData() {
		List<QueuedFrame> removed = new ArrayList<>();
		synchronized (this.queue) {
			this.queue.discardUnstartedData(removed);
		}
		for (QueuedFrame frame : removed) {
			frame.complete(SendResult.CLOSED);
		}
	}

	/**
	 * Write as much as the socket takes, then report the frames written completely SENT,
	 * in order; on the event loop. They are taken from the write buffer before any is
	 * reported, so that a callback that sends cannot disturb the list.
	 * @param io the socket
	 * @param out the loop's write buffer
	 * @return whether the queue is now empty
	 * @throws IOException when the socket fails, once the frames written before are
	 * reported
	 */
	boolean flush(SocketIo io, FrameQueue.WriteBuffer out) throws IOException {
		try {
			io.flushPendingOutput();
			return writeTo(io, out);
		}
		finally {
			QueuedFrame frame = out.takeWritten();
			while (frame != null) {
				QueuedFrame next = frame.next;
				frame.next = null;
				this.owner.frameWritten(frame);
				frame.complete(SendResult.SENT);
				frame = next;
			}
		}
	}

	/**
	 * Write as much as the socket takes; on the event loop.
	 * @param io the socket
	 * @param out the loop's write buffer; receives the frames written completely
	 * @return whether the queue is now empty
	 * @throws IOException when the socket fails
	 */
	boolean writeTo(SocketIo io, FrameQueue.WriteBuffer out) throws IOException {
		synchronized (this.queue) {
			this.queue.writeTo(io, out);
			return this.queue.isEmpty();
		}
	}

	/**
	 * Give a queued frame a copy of the payload it borrowed, before the buffer it
	 * borrowed from is used again; on the event loop.
	 * @param frame a frame of this outbox
	 */
	void detach(QueuedFrame frame) {
		synchronized (this.queue) {
			frame.detachPayload();
		}
	}

	boolean isEmpty() {
		synchronized (this.queue) {
			return this.queue.isEmpty();
		}
	}

	/**
	 * Refuse everything, report what was not written CLOSED, and release the extension
	 * while no sender is inside its encoder.
	 */
	void close() {
		List<QueuedFrame> unsent = new ArrayList<>();
		synchronized (this.queue) {
			this.closing = true;
			this.queue.close(unsent);
			ExtensionCodec codec = this.extension;
			if (codec != null) {
				codec.release();
			}
		}
		for (QueuedFrame frame : unsent) {
			frame.complete(SendResult.CLOSED);
		}
	}

}
