package io.wsboot.benchmarks.load;

import java.util.Arrays;

/**
 * A log-linear histogram of latencies in nanoseconds: 64 sub-buckets per power of two, so
 * a percentile is reported within 1.6% of its true value, in a fixed 30 KiB.
 *
 * @author wsboot
 */
public final class LatencyHistogram {

	private static final int SUB_BUCKET_BITS = 6;

	private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

	private final long[] counts = new long[(Long.SIZE - SUB_BUCKET_BITS + 1) * SUB_BUCKETS];

	private long total;

	private long max;

	/**
	 * Record one latency.
	 * @param nanos the latency, negative values count as zero
	 */
	public void record(long nanos) {
		long value = Math.max(0, nanos);
		this.counts[index(value)]++;
		this.total++;
		this.max = Math.max(this.max, value);
	}

	/**
	 * Return the number of recorded values.
	 * @return the count
	 */
	public long count() {
		return this.total;
	}

	/**
	 * Return the largest recorded value.
	 * @return nanoseconds, 0 when empty
	 */
	public long max() {
		return this.max;
	}

	/**
	 * Forget every recorded value.
	 */
	public void reset() {
		Arrays.fill(this.counts, 0);
		this.total = 0;
		this.max = 0;
	}

	/**
	 * Return a percentile.
	 * @param percent the percentile, such as 99.9
	 * @return the upper bound of its bucket in nanoseconds, 0 when empty
	 */
	public long percentile(double percent) {
		if (this.total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(this.total * percent / 100.0);
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= Math.max(1, rank)) {
				return Math.min(upperBound(i), this.max);
			}
		}
		return this.max;
	}

	static int index(long value) {
		if (value < SUB_BUCKETS) {
			return (int) value;
		}
		// the top SUB_BUCKET_BITS + 1 bits of the value pick the bucket
		int magnitude = Long.SIZE - Long.numberOfLeadingZeros(value) - SUB_BUCKET_BITS - 1;
		int sub = (int) (value >>> magnitude) - SUB_BUCKETS;
		return (magnitude + 1) * SUB_BUCKETS + sub;
	}

	static long upperBound(int index) {
		if (index < SUB_BUCKETS) {
			return index;
		}
		int magnitude = index / SUB_BUCKETS - 1;
		long sub = index % SUB_BUCKETS + SUB_BUCKETS;
		return ((sub + 1) << magnitude) - 1;
	}

}
