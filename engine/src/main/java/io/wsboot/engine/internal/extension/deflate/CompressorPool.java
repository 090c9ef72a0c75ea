package io.wsboot.engine.internal.extension.deflate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded pool of reset zlib streams shared by the connections of one factory, used
 * where RFC 7692 §7.1.1.1 {@code server_no_context_takeover} lets a compressor serve
 * another connection between messages.
 *
 * <p>
 * The pool is shared rather than per thread: messages are sent from any application
 * thread, virtual threads included, and a thread-local stream would live as long as its
 * thread. The bound caps the idle native memory; a stream given back to a full pool is
 * ended at once.
 *
 * @param <T> the stream type, {@link java.util.zip.Deflater}
 */
final class CompressorPool<T> {

	private final Supplier<T> creator;

	private final Consumer<T> ender;

	private final int maxIdle;

	private final BlockingQueue<T> idle;

	/**
	 * Create a pool.
	 * @param maxIdle the most streams kept idle, 0 for none
	 * @param creator creates a stream
	 * @param ender frees a stream's native memory
	 */
	CompressorPool(int maxIdle, Supplier<T> creator, Consumer<T> ender) {
		if (maxIdle < 0) {
			throw new IllegalArgumentException("maxIdle must not be negative but was " + maxIdle);
		}
		this.creator = creator;
		this.ender = ender;
		this.maxIdle = maxIdle;
		// ArrayBlockingQueue needs a capacity of at least one; maxIdle 0 never offers
		this.idle = new ArrayBlockingQueue<>(Math.max(1, maxIdle));
	}

	/**
	 * Take an idle stream, or create one.
	 * @return a stream in its initial state
	 */
	T borrow() {
		T stream = this.idle.poll();
		return (stream != null) ? stream : this.creator.get();
	}

	/**
	 * Give back a stream that the caller has reset; it is ended when the pool is full.
	 * @param stream the stream
	 */
	void giveBack(T stream) {
		if (this.maxIdle == 0 || !this.idle.offer(stream)) {
			this.ender.accept(stream);
		}
	}

	/**
	 * Return the number of idle streams.
	 * @return the count
	 */
	int idleCount() {
		return this.idle.size();
	}

}
