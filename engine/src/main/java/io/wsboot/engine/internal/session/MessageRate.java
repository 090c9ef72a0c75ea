package io.wsboot.engine.internal.session;

/**
 * A token bucket for the data messages one client sends: it holds up to {@code burst}
 * tokens, refilled at {@code perSecond}, and each message takes one. Socketless: the
 * caller passes the time.
 */
public final class MessageRate {

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private final double tokensPerNano;

	private final double capacity;

	private double tokens;

	private long lastNanos;

	/**
	 * Create a full bucket.
	 * @param perSecond tokens added per second, positive
	 * @param burst the bucket's size, positive
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	public MessageRate(int perSecond, int burst, long nowNanos) {
		if (perSecond <= 0 || burst <= 0) {
			throw new IllegalArgumentException(
					"perSecond and burst must be positive but were " + perSecond + " and " + burst);
		}
		this.tokensPerNano = perSecond / NANOS_PER_SECOND;
		this.capacity = burst;
		this.tokens = burst;
		this.lastNanos = nowNanos;
	}

	/**
	 * Take a token for a message.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return {@code true} when the message is within the rate
	 */
	public boolean tryTake(long nowNanos) {
		long elapsed = nowNanos - this.lastNanos;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.tokensPerNano);
			this.lastNanos = nowNanos;
		}
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
