package io.wsboot.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

import io.wsboot.engine.internal.transport.ServerRuntime;
import org.jspecify.annotations.Nullable;

/**
 * The wsboot WebSocket server: non-blocking NIO event loops that accept TCP connections,
 * perform the RFC 6455 opening handshake and route each session to an {@link Endpoint}.
 *
 * @author wsboot
 */
public final class WsServer {

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
	 * Stop accepting, close every open session with 1001, flush what is queued, wait up
	 * to the shutdown timeout for close handshakes, then close everything.
	 */
	public synchronized void stop() {
		ServerRuntime runtime = this.runtime;
		if (runtime != null) {
			this.runtime = null;
			runtime.stop(this.config.shutdownTimeout());
		}
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
