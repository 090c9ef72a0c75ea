package io.wsboot.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

/**
 * The wsboot WebSocket server: non-blocking NIO event loops that accept TCP connections,
 * perform the RFC 6455 opening handshake and route each session to an {@link Endpoint}.
 *
 * @author wsboot
 */
public final class WsServer {

	private final ServerConfig config;

	private final List<Endpoint> endpoints;

	/**
	 * Create a server; nothing is bound until {@link #start()}.
	 * @param config how to listen
	 * @param endpoints the endpoints; duplicate or conflicting paths are rejected
	 * @throws IllegalArgumentException when two endpoints claim the same paths
	 */
	public WsServer(ServerConfig config, List<Endpoint> endpoints) {
		this.config = config;
		this.endpoints = List.copyOf(endpoints);
	}

	/**
	 * Bind the listening socket and start the event loops.
	 * @throws IOException when the address cannot be bound
	 */
	public void start() throws IOException {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Stop accepting, close every open session with 1001, flush what is queued, wait up
	 * to the shutdown timeout for close handshakes, then close everything.
	 */
	public void stop() {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Whether the server is started and not stopped.
	 * @return {@code true} while running
	 */
	public boolean isRunning() {
		return false;
	}

	/**
	 * Return the bound port, useful when the configured port was 0.
	 * @return the port
	 * @throws IllegalStateException when the server is not running
	 */
	public int port() {
		throw new IllegalStateException("not started");
	}

	/**
	 * Return the bound address.
	 * @return the local address
	 * @throws IllegalStateException when the server is not running
	 */
	public InetSocketAddress localAddress() {
		throw new IllegalStateException("not started");
	}

	/**
	 * Return the open sessions.
	 * @return a snapshot of the sessions
	 */
	public Collection<WsSession> sessions() {
		return List.of();
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
