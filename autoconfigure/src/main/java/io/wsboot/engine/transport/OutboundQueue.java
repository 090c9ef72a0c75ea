package io.wsboot.engine.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

import io.wsboot.engine.SlowConsumerPolicy;

/**
 * A connection's bounded queue of frames waiting for the socket, written with gathering
 * writes. Senders on any thread add to it; only the event loop writes from it.
 */
final class OutboundQueue {

	/** Most buffers handed to one gathering write. */
	private static final int MAX_BUFFERS_PER_WRITE = 64;

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

	private final ArrayDeque<Outbound> entries = new ArrayDeque<>();

	private final ByteBuffer[] gather = new ByteBuffer[MAX_BUFFERS_PER_WRITE];

	private long queuedBytes;

	private boolean closed;

	/**
	 * Queue a frame, applying the slow-consumer policy to data frames.
	 * @param outbound the frame
	 * @param limit the queue limit in bytes
	 * @param policy what to do when the frame does not fit
	 * @param dropped receives the entries evicted by
	 * {@link SlowConsumerPolicy#DROP_OLDEST}
	 * @return what happened to the frame
	 */
	synchronized Admission offer(Outbound outbound, long limit, SlowConsumerPolicy policy, List<Outbound> dropped) {
		if (this.closed) {
			return Admission.CLOSED;
		}
		// A single message larger than the limit still goes out when nothing waits before
		// it
		if (outbound.kind == Outbound.Kind.DATA && !this.entries.isEmpty()
				&& this.queuedBytes + outbound.bytes > limit) {
			switch (policy) {
				case CLOSE:
					return Admission.OVERFLOW;
				case DROP_NEWEST:
					return Admission.DROPPED;
				case DROP_OLDEST:
					evictOldest(outbound.bytes, limit, dropped);
					if (!this.entries.isEmpty() && this.queuedBytes + outbound.bytes > limit) {
						return Admission.DROPPED;
					}
					break;
			}
		}
		this.entries.add(outbound);
		this.queuedBytes += outbound.bytes;
		return Admission.ACCEPTED;
	}

	private void evictOldest(long needed, long limit, List<Outbound> dropped) {
		Iterator<Outbound> iterator = this.entries.iterator();
		while (iterator.hasNext() && this.queuedBytes + needed > limit) {
			Outbound candidate = iterator.next();
			if (candidate.kind == Outbound.Kind.DATA && !candidate.isStarted()) {
				iterator.remove();
				this.queuedBytes -= candidate.bytes;
				dropped.add(candidate);
			}
		}
	}

	/**
	 * Remove every data frame not yet started, so that a close frame goes out next.
	 * @param removed receives the removed entries
	 */
	synchronized void discardUnstartedData(List<Outbound> removed) {
		Iterator<Outbound> iterator = this.entries.iterator();
		while (iterator.hasNext()) {
			Outbound candidate = iterator.next();
			if (candidate.kind == Outbound.Kind.DATA && !candidate.isStarted()) {
				iterator.remove();
				this.queuedBytes -= candidate.bytes;
				removed.add(candidate);
			}
		}
	}

	/**
	 * Write as much as the socket takes.
	 * @param channel the socket
	 * @param written receives the entries written completely
	 * @return the number of bytes written
	 * @throws IOException when the socket fails
	 */
	synchronized long writeTo(GatheringByteChannel channel, List<Outbound> written) throws IOException {
		long total = 0;
		while (!this.entries.isEmpty()) {
			int count = 0;
			for (Outbound entry : this.entries) {
				for (ByteBuffer buffer : entry.buffers) {
					if (buffer.hasRemaining() && count < MAX_BUFFERS_PER_WRITE) {
						this.gather[count++] = buffer;
					}
				}
				if (count == MAX_BUFFERS_PER_WRITE) {
					break;
				}
			}
			long n = (count == 0) ? 0 : channel.write(this.gather, 0, count);
			java.util.Arrays.fill(this.gather, 0, count, null);
			total += n;
			this.queuedBytes -= n;
			while (!this.entries.isEmpty() && this.entries.peekFirst().isWritten()) {
				written.add(this.entries.pollFirst());
			}
			if (n == 0 || count < MAX_BUFFERS_PER_WRITE && !this.entries.isEmpty()) {
				// the socket's send buffer is full: wait for OP_WRITE
				break;
			}
		}
		return total;
	}

	/**
	 * Refuse further frames and hand back everything still queued.
	 * @param remaining receives the entries not written
	 */
	synchronized void close(List<Outbound> remaining) {
		this.closed = true;
		remaining.addAll(this.entries);
		this.entries.clear();
		this.queuedBytes = 0;
	}

	synchronized boolean isEmpty() {
		return this.entries.isEmpty();
	}

	synchronized long queuedBytes() {
		return this.queuedBytes;
	}

}
