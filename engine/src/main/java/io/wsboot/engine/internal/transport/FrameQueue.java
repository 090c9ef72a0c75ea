package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.List;

import io.wsboot.engine.SlowConsumerPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A connection's bounded queue of frames waiting for the socket (RFC 6455 §5.4: frames go
 * out in the order queued). The frames are linked to each other, so that an idle
 * connection holds no array; they are copied into the event loop's {@link WriteBuffer}
 * and written with one write per batch. Not thread-safe: the owner ({@link Outbox}) calls
 * it under one lock.
 */
final class FrameQueue {

	enum Admission {

		/** Queued. */
		ACCEPTED,

		/** Not queued: the slow-consumer policy dropped it. */
		DROPPED,

		/** Not queued: the slow-consumer policy closes the connection. */
		OVERFLOW,

		/** Not queued: the connection is closed. */
		CLOSED

	}

	private @Nullable QueuedFrame head;

	private @Nullable QueuedFrame tail;

	/** Written under the owner's lock, read by metrics on any thread. */
	private volatile long queuedBytes;

	private boolean closed;

	/**
	 * Queue a frame, applying the slow-consumer policy to data frames.
	 * @param frame the frame
	 * @param limit the queue limit in bytes
	 * @param policy what to do when the frame does not fit
	 * @param dropped receives the entries evicted by
	 * {@link SlowConsumerPolicy#DROP_OLDEST}
	 * @return what happened to the frame
	 */
	Admission offer(QueuedFrame frame, long limit, SlowConsumerPolicy policy, List<QueuedFrame> dropped) {
		if (this.closed) {
			return Admission.CLOSED;
		}
		if (frame.kind == QueuedFrame.Kind.PONG) {
			// RFC 6455 §5.5.3: a pong may answer only the most recent of several pings;
			// past the limit older unsent pongs give way, so that a client that pings
			// but never reads cannot grow the queue
			evictOldest(QueuedFrame.Kind.PONG, frame.bytes(), limit, dropped);
		}
		// a message larger than the limit still goes out when nothing waits before it
		if (frame.kind == QueuedFrame.Kind.DATA && this.head != null && this.queuedBytes + frame.bytes() > limit) {
			switch (policy) {
				case CLOSE:
					return Admission.OVERFLOW;
				case DROP_NEWEST:
					return Admission.DROPPED;
				case DROP_OLDEST:
					evictOldest(QueuedFrame.Kind.DATA, frame.bytes(), limit, dropped);
					if (this.head != null && this.queuedBytes + frame.bytes() > limit) {
						return Admission.DROPPED;
					}
					break;
			}
		}
		QueuedFrame tail = this.tail;
		if (tail == null) {
			this.head = frame;
		}
		else {
			tail.next = frame;
		}
		this.tail = frame;
		this.queuedBytes += frame.bytes();
		return Admission.ACCEPTED;
	}

	private void evictOldest(QueuedFrame.Kind kind, long needed, long limit, List<QueuedFrame> dropped) {
		QueuedFrame previous = null;
		QueuedFrame candidate = this.head;
		while (candidate != null && this.queuedBytes + needed > limit) {
			QueuedFrame next = candidate.next;
			if (candidate.kind == kind && !candidate.isStarted()) {
				unlink(previous, candidate);
				dropped.add(candidate);
			}
			else {
				previous = candidate;
			}
			candidate = next;
		}
	}

	/**
	 * Remove every data frame not yet started, so that a close frame goes out next.
	 * @param removed receives the removed entries
	 */
	void discardUnstartedData(List<QueuedFrame> removed) {
		QueuedFrame previous = null;
		QueuedFrame candidate = this.head;
		while (candidate != null) {
			QueuedFrame next = candidate.next;
			if (candidate.kind == QueuedFrame.Kind.DATA && !candidate.isStarted()) {
				unlink(previous, candidate);
				removed.add(candidate);
			}
			else {
				previous = candidate;
			}
			candidate = next;
		}
	}

	private void unlink(@Nullable QueuedFrame previous, QueuedFrame entry) {
		QueuedFrame next = entry.next;
		if (previous == null) {
			this.head = next;
		}
		else {
			previous.next = next;
		}
		if (this.tail == entry) {
			this.tail = previous;
		}
		entry.next = null;
		this.queuedBytes -= entry.bytes();
	}

	/**
	 * Write as much as the socket takes, through the event loop's write buffer. Frames
	 * are copied into it in order, as many as fit (the last one possibly in part), and
	 * the buffer is written with one call; what the socket did not take is copied again
	 * next time, since each frame counts the bytes the socket took.
	 * @param channel the socket
	 * @param out the event loop's write buffer; receives the entries written completely
	 * @return the number of bytes written
	 * @throws IOException when the socket fails
	 */
	long writeTo(GatheringByteChannel channel, WriteBuffer out) throws IOException {
		long total = 0;
		while (this.head != null) {
			ByteBuffer buffer = out.buffer;
			buffer.clear();
			ByteBuffer gathered = null;
			for (QueuedFrame entry = this.head; entry != null; entry = entry.next) {
				if (entry.isGathered()) {
					if (entry.copyHeaderInto(buffer)) {
						gathered = entry.unsentPayload();
					}
					break;
				}
				if (!entry.copyInto(buffer)) {
					break;
				}
			}
			buffer.flip();
			long staged = buffer.remaining();
			long n;
			if (gathered == null) {
				n = (staged == 0) ? 0 : channel.write(buffer);
			}
			else {
				staged += gathered.remaining();
				out.pair[0] = buffer;
				out.pair[1] = gathered;
				try {
					n = channel.write(out.pair, 0, 2);
				}
				finally {
					out.pair[1] = null;
				}
			}
			total += n;
			this.queuedBytes -= n;
			account(n, out);
			if (n < staged || n == 0) {
				// the socket's send buffer is full: wait for OP_WRITE
				break;
			}
		}
		return total;
	}

	/**
	 * Credit the bytes the socket took to the frames in queue order, and hand over the
	 * ones written completely.
	 */
	private void account(long written, WriteBuffer out) {
		long remaining = written;
		QueuedFrame entry = this.head;
		while (entry != null && remaining > 0) {
			long taken = Math.min(remaining, entry.bytes() - entry.sent);
			entry.sent += taken;
			remaining -= taken;
			if (!entry.isWritten()) {
				break;
			}
			QueuedFrame next = entry.next;
			entry.next = null;
			out.written(entry);
			entry = next;
		}
		this.head = entry;
		if (entry == null) {
			this.tail = null;
		}
	}

	/**
	 * Refuse further frames and hand back everything still queued.
	 * @param remaining receives the entries not written
	 */
	void close(List<QueuedFrame> remaining) {
		this.closed = true;
		clear(remaining);
	}

	/**
	 * Hand back everything still queued.
	 * @param remaining receives the entries not written
	 */
	void clear(List<QueuedFrame> remaining) {
		QueuedFrame entry = this.head;
		while (entry != null) {
			QueuedFrame next = entry.next;
			entry.next = null;
			remaining.add(entry);
			entry = next;
		}
		this.head = null;
		this.tail = null;
		this.queuedBytes = 0;
	}

	boolean isEmpty() {
		return this.head == null;
	}

	long queuedBytes() {
		return this.queuedBytes;
	}

	/**
	 * The direct buffer an event loop writes every connection's frames from, so that the
	 * JDK copies nothing into a temporary direct buffer, and the frames it wrote
	 * completely. Used only on the loop's thread.
	 */
	static final class WriteBuffer {

		final ByteBuffer buffer;

		final ByteBuffer[] pair = new ByteBuffer[2];

		private @Nullable QueuedFrame writtenHead;

		private @Nullable QueuedFrame writtenTail;

		WriteBuffer(int capacityBytes) {
			this.buffer = ByteBuffer.allocateDirect(capacityBytes);
		}

		void written(QueuedFrame entry) {
			QueuedFrame tail = this.writtenTail;
			if (tail == null) {
				this.writtenHead = entry;
			}
			else {
				tail.next = entry;
			}
			this.writtenTail = entry;
		}

		/**
		 * Take the frames written completely since the last call, linked in order.
		 * @return the first one, or {@code null}
		 */
		@Nullable QueuedFrame takeWritten() {
			QueuedFrame head = this.writtenHead;
			this.writtenHead = null;
			this.writtenTail = null;
			return head;
		}

	}

}
