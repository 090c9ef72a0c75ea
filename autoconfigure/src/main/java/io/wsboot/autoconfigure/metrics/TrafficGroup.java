package io.wsboot.autoconfigure.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The traffic of one endpoint (and of one value of each path variable allowed as a tag):
 * the final counters of its closed sessions plus the live counters of its open ones.
 *
 * <p>
 * Consistency: a session's counters are plain fields written by its event loop, so a read
 * sees each of them at most slightly stale. Moving a closing session from the live set
 * into the closed totals happens under a write lock, and a read that overlapped one is
 * retried, so no session is ever counted twice or missed: each sum only grows.
 *
 * @author wsboot
 */
public final class TrafficGroup {

	private final String endpoint;

	private final Map<String, String> variableTags;

	/**
	 * The open sessions, by engine session: the recorder finds a session's tracking here
	 * rather than in a map of its own, so that a session costs one map entry.
	 */
	private final Map<WsSession, TrackedSession> live = new ConcurrentHashMap<>();

	private final long[] closed = new long[TrafficMeasure.ALL.length];

	private final StampedLock lock = new StampedLock();

	TrafficGroup(String endpoint, Map<String, String> variableTags) {
		this.endpoint = endpoint;
		this.variableTags = Map.copyOf(variableTags);
	}

	/**
	 * Return the path template of the endpoint.
	 * @return the path template, such as {@code /chat/{room}}
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * Return the tags of the path variables allowed as tags, in no particular order.
	 * @return the variable names and their tag values
	 */
	public Map<String, String> variableTags() {
		return this.variableTags;
	}

	/**
	 * Return the number of open sessions.
	 * @return the count
	 */
	public int activeSessions() {
		return this.live.size();
	}

	/**
	 * Return the bytes queued for sending on the open sessions.
	 * @return bytes
	 */
	public long queuedBytes() {
		long bytes = 0;
		for (TrackedSession session : this.live.values()) {
			bytes += session.stats().queuedBytes();
		}
		return bytes;
	}

	/**
	 * Return every measure at once: closed totals plus live sessions.
	 * @return the snapshot
	 */
	public TrafficSnapshot snapshot() {
		long[] values = new long[TrafficMeasure.ALL.length];
		long stamp = this.lock.tryOptimisticRead();
		int active = addAll(values);
		if (!this.lock.validate(stamp)) {
			stamp = this.lock.readLock();
			try {
				Arrays.fill(values, 0);
				active = addAll(values);
			}
			finally {
				this.lock.unlockRead(stamp);
			}
		}
		return new TrafficSnapshot(values, active, queuedBytes());
	}

	private int addAll(long[] values) {
		for (int i = 0; i < values.length; i++) {
			values[i] += this.closed[i];
		}
		int active = 0;
		for (TrackedSession session : this.live.values()) {
			active++;
			for (TrafficMeasure measure : TrafficMeasure.ALL) {
				values[measure.ordinal()] += measure.of(session);
			}
		}
		return active;
	}

	/**
	 * Return one measure: closed totals plus live sessions.
	 */
	long sum(TrafficMeasure measure) {
		long stamp = this.lock.tryOptimisticRead();
		long sum = sumOnce(measure);
		if (this.lock.validate(stamp)) {
			return sum;
		}
		stamp = this.lock.readLock();
		try {
			return sumOnce(measure);
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	private long sumOnce(TrafficMeasure measure) {
		long sum = this.closed[measure.ordinal()];
		for (TrackedSession session : this.live.values()) {
			sum += measure.of(session);
		}
		return sum;
	}

	void opened(TrackedSession session) {
		this.live.put(session.session(), session);
	}

	@Nullable TrackedSession tracked(WsSession session) {
		return this.live.get(session);
	}

	/**
	 * Fold a closed session's final counters into the totals; on its event loop.
	 */
	void closed(TrackedSession session) {
		long stamp = this.lock.writeLock();
		try {
			if (this.live.remove(session.session(), session)) {
				for (TrafficMeasure measure : TrafficMeasure.ALL) {
					this.closed[measure.ordinal()] += measure.of(session);
				}
			}
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
	}

	@Override
	public String toString() {
		return "TrafficGroup[" + this.endpoint + ((this.variableTags.isEmpty()) ? "" : " " + this.variableTags) + "]";
	}

}
