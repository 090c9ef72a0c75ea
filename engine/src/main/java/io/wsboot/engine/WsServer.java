package io.wsboot.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.wsboot.engine.internal.transport.ServerRuntime;
import org.jspecify.annotations.Nullable;

/**
 * The wsboot WebSocket server: non-blocking NIO event loops that accept TCP connections,
 * perform the RFC 6455 opening handshake and route each session to an {@link Endpoint}.
 *
 * @author wsboot
 */
public final class WsServer {

	/**
	 * The status of the close frames a {@link #drain drain} sends: 1001, going away.
	 * <p>
	 * RFC 6455 §7.4.1 defines 1001 as "an endpoint is 'going away', such as a server
	 * going down", which is what a node leaving a rolling deploy does while the service
	 * stays up on the other nodes. The IANA registry's 1012 "Service Restart" was
	 * proposed with the advice that clients reconnect "using a randomized delay of 5 -
	 * 30s": that delay is needless when other nodes are ready, the drain already spreads
	 * the closes, and 1012 is in no RFC, so that older clients and validators may take it
	 * for a protocol error.
	 */
	public static final CloseStatus DRAIN_CLOSE_STATUS = CloseStatus.GOING_AWAY.withReason("server draining");

	/**
	 * The {@code Retry-After} of the 503 that answers an upgrade during a drain: one
	 * second, by which time a balancer has usually taken the node out.
	 */
	public static final Duration DRAIN_RETRY_AFTER = ServerRuntime.DRAIN_RETRY_AFTER;

	private final ServerConfig config;

	private final List<Endpoint> endpoints;

	private final EndpointRouter router;

	private volatile @Nullable ServerRuntime runtime;

	/**
	 * Create a server; nothing is bound until {@link #start()}.
	 * @param config how to listen
	 * @param endpoints the endpoints; duplicate or conflicting paths are rejected
	 * @throws IllegalArgumentException when two endpoints claim the same paths
	 */
	public WsServer(ServerConfig config, List<Endpoint> endpoints) {
		this.config = config;
		this.endpoints = List.copyOf(endpoints);
		this.router = new EndpointRouter(this.endpoints);
	}

	/**
	 * Bind the listening socket and start the event loops.
	 * @throws IOException when the address cannot be bound
	 */
	public synchronized void start() throws IOException {
		if (this.runtime != null) {
			throw new IllegalStateException("server already started");
		}
		this.runtime = ServerRuntime.start(this.config, this.router);
	}

	/**
	 * Stop at once: stop accepting, close every open session with 1001, flush what is
	 * queued, wait up to the shutdown timeout for close handshakes, then close
	 * everything. A {@link #drain drain} in progress is cut short.
	 */
	public synchronized void stop() {
		ServerRuntime runtime = this.runtime;
		if (runtime != null) {
			this.runtime = null;
			runtime.stop(this.config.shutdownTimeout());
		}
	}

	/**
	 * Drain for a rolling deploy, then stop. From the call on, every upgrade is answered
	 * with 503 and {@code Retry-After} ({@link #DRAIN_RETRY_AFTER}); each open session is
	 * sent a close frame with {@link #DRAIN_CLOSE_STATUS} at a moment drawn at random
	 * within the period, after the messages queued for it; messages the client sent
	 * before its close frame are still handed to the handler. Once every session was told
	 * (shortly after the period), the listening socket is closed and the server waits up
	 * to the shutdown timeout for the close handshakes, then closes what remains and
	 * stops. Returns at once; {@link #stop()} cuts a drain short.
	 * @param period the period over which the sessions are closed; zero closes all at
	 * once
	 * @return completed once the server has stopped, at the latest after about the period
	 * plus the {@linkplain ServerConfig#shutdownTimeout() shutdown timeout}; completed at
	 * once when the server is not running
	 */
	public CompletableFuture<Void> drain(Duration period) {
		Objects.requireNonNull(period, "period");
		if (period.isNegative()) {
			throw new IllegalArgumentException("period must not be negative but was " + period);
		}
		ServerRuntime runtime = this.runtime;
		if (runtime == null) {
			return CompletableFuture.completedFuture(null);
		}
		return runtime.drain(period, DRAIN_CLOSE_STATUS).whenComplete((result, ex) -> stopped(runtime));
	}

	private synchronized void stopped(ServerRuntime runtime) {
		if (this.runtime == runtime) {
			this.runtime = null;
		}
	}

	/**
	 * Whether a {@link #drain drain} is in progress: upgrades are refused and the
	 * sessions are being closed.
	 * @return {@code true} from the start of a drain until the server has stopped
	 */
	public boolean isDraining() {
		ServerRuntime runtime = this.runtime;
		return runtime != null && runtime.isDraining();
	}

	/**
	 * Whether the server is started and not stopped.
	 * @return {@code true} while running
	 */
	public boolean isRunning() {
		return this.runtime != null;
	}

	/**
	 * Whether the listening socket is bound and every event loop is alive.
	 * @return {@code true} when running and healthy
	 */
	public boolean isHealthy() {
		ServerRuntime runtime = this.runtime;
		return runtime != null && runtime.isHealthy();
	}

	/**
	 * Return the bound port, useful when the configured port was 0.
	 * @return the port
	 * @throws IllegalStateException when the server is not running
	 */
	public int port() {
		return localAddress().getPort();
	}

	/**
	 * Return the bound address.
	 * @return the local address
	 * @throws IllegalStateException when the server is not running
	 */
	public InetSocketAddress localAddress() {
		return running().localAddress();
	}

	/**
	 * Return the open sessions.
	 * @return a snapshot of the sessions
	 */
	public Collection<WsSession> sessions() {
		ServerRuntime runtime = this.runtime;
		return (runtime != null) ? runtime.sessions() : List.of();
	}

	private ServerRuntime running() {
		ServerRuntime runtime = this.runtime;
		if (runtime == null) {
			throw new IllegalStateException("server is not running");
		}
		return runtime;
	}

	/**
	 * Return the configuration.
	 * @return the configuration
	 */
	public ServerConfig config() {
		return this.config;
	}

	/**
	 * Return the endpoints.
	 * @return the endpoints
	 */
	public List<Endpoint> endpoints() {
		return this.endpoints;
	}

}
