package io.wsboot.engine.internal.transport;

import org.slf4j.Logger;

/**
 * The INFO lines about single connections (a rejected handshake, a protocol violation, a
 * slow reader), at most a few per second per server: a flood of bad clients must not
 * flood the log too. The lines held back are counted and the count is logged once the
 * second they fell in is over, so nothing goes unreported.
 */
final class ConnectionLog {

	/** Lines let through per window; enough to see what is going on. */
	static final int DEFAULT_LINES_PER_WINDOW = 10;

	/** Length of a window: 1 s, in nanoseconds. */
	static final long DEFAULT_WINDOW_NANOS = 1_000_000_000L;

	private final Logger logger;

	private final int linesPerWindow;

	private final long windowNanos;

	private long windowStartNanos;

	private int linesInWindow;

	private long heldBack;

	ConnectionLog(Logger logger) {
		this(logger, DEFAULT_LINES_PER_WINDOW, DEFAULT_WINDOW_NANOS, System.nanoTime());
	}

	ConnectionLog(Logger logger, int linesPerWindow, long windowNanos, long nowNanos) {
		this.logger = logger;
		this.linesPerWindow = linesPerWindow;
		this.windowNanos = windowNanos;
		this.windowStartNanos = nowNanos;
	}

	/**
	 * Log a line at INFO unless this window's lines are used up.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @param format the SLF4J format
	 * @param arguments its arguments
	 */
	void info(long nowNanos, String format, Object... arguments) {
		if (!this.logger.isInfoEnabled()) {
			return;
		}
		long reportHeldBack;
		synchronized (this) {
			reportHeldBack = startWindowIfOver(nowNanos);
			if (this.linesInWindow >= this.linesPerWindow) {
				this.heldBack++;
				arguments = null;
			}
			else {
				this.linesInWindow++;
			}
		}
		reportHeldBack(reportHeldBack);
		if (arguments != null) {
			this.logger.info(format, arguments);
		}
	}

	/**
	 * Report the lines held back in a window that is over, even when no line follows it;
	 * called by the accept loop's timeout sweep.
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	void tick(long nowNanos) {
		long reportHeldBack;
		synchronized (this) {
			reportHeldBack = startWindowIfOver(nowNanos);
		}
		reportHeldBack(reportHeldBack);
	}

	/**
	 * Start a new window when the current one is over.
	 * @return the lines held back in the window that ended, to be reported, or 0
	 */
	private long startWindowIfOver(long nowNanos) {
		if (nowNanos - this.windowStartNanos < this.windowNanos) {
			return 0;
		}
		long ended = this.heldBack;
		this.windowStartNanos = nowNanos;
		this.linesInWindow = 0;
		this.heldBack = 0;
		return ended;
	}

	private void reportHeldBack(long lines) {
		if (lines > 0) {
			long windowMillis = this.windowNanos / 1_000_000L;
			this.logger.info("Held back {} more log line(s) about single connections (at most {} per {} ms)", lines,
					this.linesPerWindow, windowMillis);
		}
	}

}
