package io.wsboot.endpoint.security;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Closes a session when the token it was authenticated with expires, plus an optional
 * grace period, with {@link #TOKEN_EXPIRED 1008 "token expired"}; the other sessions are
 * left alone. Sessions without a token expiry are never closed by it.
 *
 * @author wsboot
 */
public final class TokenExpiryListener implements WsServerListener, AutoCloseable {

	/**
	 * The close status of a session whose token expired. RFC 6455 §7.4.1: 1008 is for a
	 * policy violation.
	 */
	public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(1008, "token expired");

	private final ScheduledExecutorService scheduler;

	private final Duration grace;

	private final InstantSource clock;

	private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

	/**
	 * Create a listener with a scheduler thread of its own, stopped by {@link #close()}.
	 * @param grace how long a session may stay open after its token expired
	 */
	public TokenExpiryListener(Duration grace) {
		this(Executors.newSingleThreadScheduledExecutor(daemonThreads()), grace, InstantSource.system());
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("wsboot-token-expiry-");
		threads.setDaemon(true);
		return threads;
	}

	TokenExpiryListener(ScheduledExecutorService scheduler, Duration grace, InstantSource clock) {
		this.scheduler = scheduler;
		this.grace = grace;
		this.clock = clock;
	}

	@Override
	public void sessionOpened(WsSession session) {
		if (!(session.attributes()
			.get(SecurityHandshakeInterceptor.EXPIRES_AT_ATTRIBUTE) instanceof Instant expiresAt)) {
			return;
		}
		long delay = Math.max(0, Duration.between(this.clock.instant(), expiresAt.plus(this.grace)).toNanos());
		ScheduledFuture<?> close = this.scheduler.schedule(() -> {
			this.pending.remove(session.id());
			session.close(TOKEN_EXPIRED);
		}, delay, TimeUnit.NANOSECONDS);
		this.pending.put(session.id(), close);
	}

	@Override
	public void sessionClosed(WsSession session, CloseStatus status, CloseInitiator initiator) {
		ScheduledFuture<?> close = this.pending.remove(session.id());
		if (close != null) {
			close.cancel(false);
		}
	}

	/**
	 * Stop the scheduler; the sessions still open are no longer closed at expiry.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.pending.clear();
	}

	/**
	 * Return how many sessions wait for their token to expire.
	 * @return the number of sessions
	 */
	public int pendingExpiries() {
		return this.pending.size();
	}

}
