package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Takes the wsboot server through Spring Boot's graceful shutdown
 * ({@code server.shutdown=graceful}, the default), as Boot's
 * {@code WebServerGracefulShutdownLifecycle} does for the web server: its asynchronous
 * {@link #stop(Runnable)} {@linkplain WsServerLifecycle#drain drains} the server, and the
 * lifecycle processor waits for it up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase} before it moves on to
 * {@link WsServerLifecycle#stop()}, which closes what remains at once.
 * <p>
 * Its phase is above the web server's graceful shutdown, so the WebSocket clients are
 * drained while the web server still answers: {@code /actuator/health/readiness} reports
 * the node down during the drain, and HTTP requests are drained afterwards. The drain
 * period is shortened, with a warning, so that the drain and the wait for close
 * handshakes fit in the phase timeout.
 *
 * @author wsboot
 */
public final class WsServerDrainLifecycle implements SmartLifecycle {

	/**
	 * The phase: stopped before Boot's web server graceful shutdown
	 * ({@code SmartLifecycle.DEFAULT_PHASE - 1024}) and the web server and wsboot server
	 * stop ({@code DEFAULT_PHASE - 2048}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Log logger = LogFactory.getLog(WsServerDrainLifecycle.class);

	private final WsServerLifecycle server;

	private final Duration drainPeriod;

	private final Duration phaseTimeout;

	private volatile boolean running;

	/**
	 * Create a drain lifecycle.
	 * @param server the server's lifecycle
	 * @param drainPeriod the period over which the sessions are closed
	 * @param phaseTimeout how long Spring waits for the drain
	 * ({@code spring.lifecycle.timeout-per-shutdown-phase})
	 */
	public WsServerDrainLifecycle(WsServerLifecycle server, Duration drainPeriod, Duration phaseTimeout) {
		this.server = server;
		this.drainPeriod = drainPeriod;
		this.phaseTimeout = phaseTimeout;
	}

	/**
	 * Return the drain period used: the configured one, shortened so that it and the
	 * shutdown timeout (the wait for close handshakes) fit in the phase timeout.
	 * @return the period
	 */
	public Duration getDrainPeriod() {
		Duration fits = this.phaseTimeout.minus(this.server.getConfig().shutdownTimeout());
		if (fits.isNegative()) {
			return Duration.ZERO;
		}
		return (this.drainPeriod.compareTo(fits) > 0) ? fits : this.drainPeriod;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		Duration period = getDrainPeriod();
		if (!period.equals(this.drainPeriod)) {
			logger.warn("wsboot.server.shutdown.drain-period " + this.drainPeriod
					+ " plus wsboot.server.shutdown-timeout " + this.server.getConfig().shutdownTimeout()
					+ " exceeds spring.lifecycle.timeout-per-shutdown-phase " + this.phaseTimeout + "; draining over "
					+ period);
		}
		this.server.drain(period, callback);
	}

	@Override
	public void stop() {
		CountDownLatch done = new CountDownLatch(1);
		stop(done::countDown);
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isPauseable() {
		// a paused context (a restore from a checkpoint) keeps its clients
		return false;
	}

}
