package io.wsboot.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link StreamHistory} of a single node: each stream keeps at most a number of
 * publications, none older than a time to live, in memory. A stream gets a random epoch
 * when it is first used, so positions from before a restart are recognised as lost.
 *
 * @author wsboot
 */
public final class InMemoryStreamHistory implements StreamHistory {

	/** Bytes of randomness in an epoch. */
	private static final int EPOCH_BYTES = 6;

	private final int maxSize;

	private final long ttlMillis;

	private final Clock clock;

	private final Map<String, MemoryStream> streams = new ConcurrentHashMap<>();

	/**
	 * Create a history.
	 * @param maxSize the most publications each stream keeps, at least 1
	 * @param ttl how long a publication is kept, positive
	 */
	public InMemoryStreamHistory(int maxSize, Duration ttl) {
		this(maxSize, ttl, Clock.systemUTC());
	}

	/**
	 * Create a history with a clock of its own, for tests.
	 * @param maxSize the most publications each stream keeps, at least 1
	 * @param ttl how long a publication is kept, positive
	 * @param clock the clock that ages publications
	 */
	public InMemoryStreamHistory(int maxSize, Duration ttl, Clock clock) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize must be at least 1 but was " + maxSize);
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive but was " + ttl);
		}
		this.maxSize = maxSize;
		this.ttlMillis = ttl.toMillis();
		this.clock = clock;
	}

	@Override
	public StreamPublication append(String stream, String data) {
		MemoryStream memory = this.streams.computeIfAbsent(stream, (name) -> new MemoryStream(newEpoch()));
		long now = this.clock.millis();
		synchronized (memory) {
			long offset = ++memory.lastOffset;
			memory.entries.addLast(new Entry(offset, data, now));
			while (memory.entries.size() > this.maxSize) {
				memory.entries.removeFirst();
			}
			expire(memory, now);
			return new StreamPublication(stream, memory.epoch, offset, data);
		}
	}

	@Override
	public Slice read(String stream, long afterOffset) {
		MemoryStream memory = this.streams.computeIfAbsent(stream, (name) -> new MemoryStream(newEpoch()));
		synchronized (memory) {
			expire(memory, this.clock.millis());
			List<StreamPublication> found = new ArrayList<>();
			if (afterOffset >= 0) {
				for (Entry entry : memory.entries) {
					if (entry.offset() > afterOffset) {
						found.add(new StreamPublication(stream, memory.epoch, entry.offset(), entry.data()));
					}
				}
			}
			return new Slice(memory.epoch, memory.lastOffset, found);
		}
	}

	@Override
	public long size(String stream) {
		MemoryStream memory = this.streams.get(stream);
		if (memory == null) {
			return 0;
		}
		synchronized (memory) {
			expire(memory, this.clock.millis());
			return memory.entries.size();
		}
	}

	private void expire(MemoryStream memory, long now) {
		while (!memory.entries.isEmpty() && now - memory.entries.peekFirst().publishedAtMillis() >= this.ttlMillis) {
			memory.entries.removeFirst();
		}
	}

	static String newEpoch() {
		byte[] random = new byte[EPOCH_BYTES];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static final class MemoryStream {

		private final String epoch;

		private final ArrayDeque<Entry> entries = new ArrayDeque<>();

		private long lastOffset;

		MemoryStream(String epoch) {
			this.epoch = epoch;
		}

	}

	private record Entry(long offset, String data, long publishedAtMillis) {

	}

}
