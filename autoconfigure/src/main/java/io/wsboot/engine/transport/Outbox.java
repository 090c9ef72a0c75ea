package io.wsboot.engine.transport;

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
import io.wsboot.engine.extension.EncodedPayload;
import io.wsboot.engine.extension.ExtensionCodec;
import io.wsboot.engine.frame.FrameEncoder;
import io.wsboot.engine.session.CloseFrames;
import org.jspecify.annotations.Nullable;

/**
 * Everything a connection has to send, from any thread: it encodes frames, runs the
 * extension's compression in queue order, applies the slow-consumer policy, and refuses
 * data once a close frame is queued or requested (RFC 6455 §5.5.1). The event loop drains
 * it into the socket.
 */
final class Outbox {

	private final OutboundQueue queue;

	private final ConnectionStats stats;

	private final Runnable scheduleFlush;

	private final Runnable onOverflow;

	/** Orders the refusal check, the compression context and the queue. */
	private final Object lock = new Object();

	/**
	 * Set under {@link #lock} once a close frame is queued or requested, or the queue
	 * overflowed: from then on data is refused, so that no data frame can follow the
	 * close frame nor fill the gap before a 1013 close.
	 */
	private volatile boolean closing;

	private volatile WsLimits limits;

	private volatile @Nullable ExtensionCodec extension;

	/**
	 * Create an outbox.
	 * @param queue the queue it fills
	 * @param limits the limits until the connection is routed
	 * @param stats counts drops
	 * @param scheduleFlush asks the event loop to write, from any thread
	 * @param onOverflow called once when the CLOSE policy gives up on the client
	 */
	Outbox(OutboundQueue queue, WsLimits limits, ConnectionStats stats, Runnable scheduleFlush, Runnable onOverflow) {
		this.queue = queue;
		this.limits = limits;
		this.stats = stats;
		this.scheduleFlush = scheduleFlush;
		this.onOverflow = onOverflow;
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
		synchronized (this.lock) {
			if (this.closing) {
				return false;
			}
			this.closing = true;
			return true;
		}
	}

	CompletableFuture<SendResult> sendData(OpCode type, ByteBuffer payload) {
		CompletableFuture<SendResult> future = new CompletableFuture<>();
		OutboundQueue.Admission admission;
		List<Outbound> dropped = evictionList();
		synchronized (this.lock) {
			if (this.closing) {
				future.complete(SendResult.CLOSED);
				return future;
			}
			ExtensionCodec codec = this.extension;
			long messageBytes = payload.remaining();
			ByteBuffer body = payload;
			int rsv = 0;
			if (codec != null) {
				// compression context depends on message order: encode under the queue's
				// lock
				EncodedPayload encoded = codec.encode(type, payload);
				body = encoded.payload();
				rsv = encoded.rsv();
			}
			long length = body.remaining();
			ByteBuffer header = FrameEncoder.header(true, rsv, type, length);
			admission = offerData(new Outbound(new ByteBuffer[] { header, body }, Outbound.Kind.DATA, length,
					messageBytes, type == OpCode.TEXT, future), dropped);
		}
		return admitted(admission, future, dropped);
	}

	CompletableFuture<SendResult> sendPrepared(PreparedMessage message) {
		if (this.extension != null) {
			return sendData(message.type(), message.payload());
		}
		CompletableFuture<SendResult> future = new CompletableFuture<>();
		// the frame bytes are encoded once and shared by every session it goes to
		Outbound outbound = new Outbound(new ByteBuffer[] { message.frame() }, Outbound.Kind.DATA,
				message.payload().remaining(), message.type() == OpCode.TEXT, future);
		List<Outbound> dropped = evictionList();
		OutboundQueue.Admission admission;
		synchronized (this.lock) {
			if (this.closing) {
				future.complete(SendResult.CLOSED);
				return future;
			}
			admission = offerData(outbound, dropped);
		}
		return admitted(admission, future, dropped);
	}

	/**
	 * Queue a ping or pong. A ping from the application is refused once closing; the
	 * engine's own pongs and keep-alive pings are queued while the connection is open.
	 */
	CompletableFuture<SendResult> sendControl(OpCode opCode, ByteBuffer payload, boolean refuseWhenClosing) {
		CompletableFuture<SendResult> future = new CompletableFuture<>();
		ByteBuffer frame = FrameEncoder.frame(true, 0, opCode, payload);
		Outbound control = new Outbound(new ByteBuffer[] { frame }, Outbound.Kind.CONTROL, payload.remaining(), false,
				future);
		synchronized (this.lock) {
			if (refuseWhenClosing && this.closing) {
				future.complete(SendResult.CLOSED);
				return future;
			}
			offerUnlimited(control);
		}
		this.scheduleFlush.run();
		return future;
	}

	/**
	 * Queue the answer to a client's ping; past the outbound queue limit it replaces
	 * older unsent pongs (see {@link OutboundQueue#offer}), so that a client that pings
	 * but never reads cannot grow the queue.
	 */
	void sendPong(ByteBuffer payload) {
		ByteBuffer frame = FrameEncoder.frame(true, 0, OpCode.PONG, payload);
		Outbound pong = new Outbound(new ByteBuffer[] { frame }, Outbound.Kind.PONG, payload.remaining(), false,
				new CompletableFuture<>());
		List<Outbound> replaced = new ArrayList<>(0);
		OutboundQueue.Admission admission;
		synchronized (this.lock) {
			admission = this.queue.offer(pong, this.limits.maxOutboundQueueBytes(), this.limits.slowConsumerPolicy(),
					replaced);
		}
		for (Outbound older : replaced) {
			older.future.complete(SendResult.DROPPED);
		}
		if (admission == OutboundQueue.Admission.ACCEPTED) {
			this.scheduleFlush.run();
		}
	}

	void sendClose(CloseStatus status) {
		ByteBuffer payload = CloseFrames.payload(status);
		ByteBuffer frame = FrameEncoder.frame(true, 0, OpCode.CLOSE, payload);
		synchronized (this.lock) {
			this.closing = true;
			offerUnlimited(new Outbound(new ByteBuffer[] { frame }, Outbound.Kind.CLOSE, payload.remaining(), false,
					new CompletableFuture<>()));
		}
		this.scheduleFlush.run();
	}

	void sendHandshakeResponse(ByteBuffer response) {
		synchronized (this.lock) {
			offerUnlimited(new Outbound(new ByteBuffer[] { response }, Outbound.Kind.HANDSHAKE, 0, false,
					new CompletableFuture<>()));
		}
		this.scheduleFlush.run();
	}

	private void offerUnlimited(Outbound outbound) {
		if (this.queue.offer(outbound, Long.MAX_VALUE, this.limits.slowConsumerPolicy(),
				List.of()) != OutboundQueue.Admission.ACCEPTED) {
			outbound.future.complete(SendResult.CLOSED);
		}
	}

	/**
	 * Return where the queue puts the messages it evicts: only DROP_OLDEST evicts data,
	 * so the other policies need no list and a send allocates none.
	 */
	private List<Outbound> evictionList() {
		return (this.limits.slowConsumerPolicy() == SlowConsumerPolicy.DROP_OLDEST) ? new ArrayList<>(1) : List.of();
	}

	/**
	 * Queue a data frame; called under {@link #lock}.
	 */
	private OutboundQueue.Admission offerData(Outbound outbound, List<Outbound> dropped) {
		OutboundQueue.Admission admission = this.queue.offer(outbound, this.limits.maxOutboundQueueBytes(),
				this.limits.slowConsumerPolicy(), dropped);
		if (admission == OutboundQueue.Admission.OVERFLOW) {
			this.closing = true;
		}
		return admission;
	}

	private CompletableFuture<SendResult> admitted(OutboundQueue.Admission admission,
			CompletableFuture<SendResult> future, List<Outbound> dropped) {
		for (Outbound evicted : dropped) {
			this.stats.messageDropped();
			evicted.future.complete(SendResult.DROPPED);
		}
		switch (admission) {
			case ACCEPTED -> this.scheduleFlush.run();
			case DROPPED -> {
				this.stats.messageDropped();
				future.complete(SendResult.DROPPED);
			}
			case CLOSED -> future.complete(SendResult.CLOSED);
			case OVERFLOW -> {
				future.complete(SendResult.CLOSED);
				this.onOverflow.run();
			}
		}
		return future;
	}

	/**
	 * Report every data frame not yet started CLOSED, so that the close frame goes next.
	 */
	void discardUnstartedData() {
		List<Outbound> removed = new ArrayList<>();
		this.queue.discardUnstartedData(removed);
		for (Outbound outbound : removed) {
			outbound.future.complete(SendResult.CLOSED);
		}
	}

	long writeTo(SocketIo io, List<Outbound> written) throws IOException {
		return this.queue.writeTo(io, written);
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	/**
	 * Refuse everything, report what was not written CLOSED, and release the extension
	 * while no sender is inside its encoder.
	 */
	void close() {
		List<Outbound> unsent = new ArrayList<>();
		synchronized (this.lock) {
			this.closing = true;
			this.queue.close(unsent);
			ExtensionCodec codec = this.extension;
			if (codec != null) {
				codec.release();
			}
		}
		for (Outbound outbound : unsent) {
			outbound.future.complete(SendResult.CLOSED);
		}
	}

}
