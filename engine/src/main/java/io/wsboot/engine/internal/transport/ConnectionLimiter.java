package io.wsboot.engine.internal.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Counts upgraded connections in total and per remote address, so that a handshake over
 * either limit can be answered with 503 instead of a dropped TCP connection.
 */
final class ConnectionLimiter {

	private final int maxTotal;

	private final int maxPerAddress;

	private final AtomicInteger total = new AtomicInteger();

	private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

	ConnectionLimiter(int maxTotal, int maxPerAddress) {
		this.maxTotal = maxTotal;
		this.maxPerAddress = maxPerAddress;
	}

	/**
	 * Take a slot for a new connection.
	 * @param address the remote address
	 * @return {@code null} when granted, else why not
	 */
	@Nullable String tryAcquire(InetAddress address) {
		if (this.total.incrementAndGet() > this.maxTotal) {
			this.total.decrementAndGet();
			return "connection limit of " + this.maxTotal + " reached";
		}
		boolean[] granted = new boolean[1];
		// compute() makes check-and-increment atomic per address
		this.perAddress.compute(address, (key, count) -> {
			int current = (count != null) ? count : 0;
			granted[0] = current < this.maxPerAddress;
			return granted[0] ? current + 1 : count;
		});
		if (!granted[0]) {
			this.total.decrementAndGet();
			return "connection limit of " + this.maxPerAddress + " per address reached";
		}
		return null;
	}

	void release(InetAddress address) {
		this.total.decrementAndGet();
		this.perAddress.computeIfPresent(address, (key, count) -> (count <= 1) ? null : count - 1);
	}

	int active() {
		return this.total.get();
	}

}
