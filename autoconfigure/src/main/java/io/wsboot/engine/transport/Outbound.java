package io.wsboot.engine.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import io.wsboot.engine.SendResult;

/**
 * One queued frame (or handshake response) with the future its sender waits on.
 */
final class Outbound {

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

	final ByteBuffer[] buffers;

	final Kind kind;

	final long bytes;

	final long payloadBytes;

	final long messageBytes;

	final boolean text;

	final CompletableFuture<SendResult> future;

	Outbound(ByteBuffer[] buffers, Kind kind, long payloadBytes, boolean text, CompletableFuture<SendResult> future) {
		this(buffers, kind, payloadBytes, payloadBytes, text, future);
	}

	Outbound(ByteBuffer[] buffers, Kind kind, long payloadBytes, long messageBytes, boolean text,
			CompletableFuture<SendResult> future) {
		this.messageBytes = messageBytes;
		this.buffers = buffers;
		this.kind = kind;
		long total = 0;
		for (ByteBuffer buffer : buffers) {
			total += buffer.remaining();
		}
		this.bytes = total;
		this.payloadBytes = payloadBytes;
		this.text = text;
		this.future = future;
	}

	boolean isWritten() {
		return !this.buffers[this.buffers.length - 1].hasRemaining();
	}

	boolean isStarted() {
		long remaining = 0;
		for (ByteBuffer buffer : this.buffers) {
			remaining += buffer.remaining();
		}
		return remaining < this.bytes;
	}

}
