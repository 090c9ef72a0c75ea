package io.wsboot.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.wsboot.engine.internal.extension.ExtensionFactory;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link WsServer} listens and the limits shared by all its endpoints.
 *
 * @param address the address to bind, or {@code null} for every local address
 * @param port the port to bind; 0 picks a free one, readable with {@link WsServer#port()}
 * @param eventLoops the number of event-loop threads
 * @param limits the limits used before a request is routed (handshake head size and
 * timeout) and by endpoints that do not set their own
 * @param maxConnections the most connections open at once; more are answered with 503
 * @param maxConnectionsPerAddress the most connections from one remote address; more are
 * answered with 503
 * @param originPolicy which origins may connect
 * @param shutdownTimeout how long {@link WsServer#stop()} waits for close handshakes
 * @param extensions the extensions the server can negotiate, in its order of preference
 * @param listener observes handshakes and sessions
 * @param tls TLS for {@code wss://}, or {@code null} for plain {@code ws://}
 * @author wsboot
 */
public record ServerConfig(@Nullable InetAddress address, int port, int eventLoops, WsLimits limits, int maxConnections,
		int maxConnectionsPerAddress, OriginPolicy originPolicy, Duration shutdownTimeout,
		List<ExtensionFactory> extensions, WsServerListener listener, @Nullable TlsConfig tls) {

	/** Default port of the engine, beside a web server's 8080. */
	public static final int DEFAULT_PORT = 8090;

	/** Default most connections open at once. */
	public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

	/** Default most connections from one remote address. */
	public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_000;

	/** Default time that a stop waits for close handshakes. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Create a configuration, rejecting values that cannot work.
	 * @param address the address to bind, or {@code null} for every local address
	 * @param port the port, 0 for a free one
	 * @param eventLoops the number of event-loop threads
	 * @param limits the default limits
	 * @param maxConnections the most connections open at once
	 * @param maxConnectionsPerAddress the most connections from one remote address
	 * @param originPolicy which origins may connect
	 * @param shutdownTimeout how long a stop waits for close handshakes
	 * @param extensions the extensions the server can negotiate
	 * @param listener observes handshakes and sessions
	 * @param tls TLS for {@code wss://}, or {@code null} for plain {@code ws://}
	 */
	public ServerConfig {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
		}
		if (eventLoops < 1) {
			throw new IllegalArgumentException("eventLoops must be at least 1 but was " + eventLoops);
		}
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be at least 1 but was " + maxConnections);
		}
		if (maxConnectionsPerAddress < 1) {
			throw new IllegalArgumentException(
					"maxConnectionsPerAddress must be at least 1 but was " + maxConnectionsPerAddress);
		}
		Objects.requireNonNull(limits, "limits");
		Objects.requireNonNull(originPolicy, "originPolicy");
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("shutdownTimeout must not be negative but was " + shutdownTimeout);
		}
		extensions = List.copyOf(extensions);
		Objects.requireNonNull(listener, "listener");
	}

	/**
	 * Return the defaults: every address, port {@value #DEFAULT_PORT}, one event loop per
	 * core, {@link WsLimits#DEFAULTS}, every origin, no extensions.
	 * @return the default configuration
	 */
	public static ServerConfig defaults() {
		return new ServerConfig(null, DEFAULT_PORT, Runtime.getRuntime().availableProcessors(), WsLimits.DEFAULTS,
				DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, OriginPolicy.ALLOW_ALL,
				DEFAULT_SHUTDOWN_TIMEOUT, List.of(), WsServerListener.NONE, null);
	}

	/**
	 * Return a copy bound to another address and port.
	 * @param address the address, or {@code null} for every local address
	 * @param port the port, 0 for a free one
	 * @return the configuration
	 */
	public ServerConfig withBinding(@Nullable InetAddress address, int port) {
		return new ServerConfig(address, port, this.eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, this.extensions, this.listener,
				this.tls);
	}

	/**
	 * Return a copy with another number of event loops.
	 * @param eventLoops the number of event-loop threads
	 * @return the configuration
	 */
	public ServerConfig withEventLoops(int eventLoops) {
		return new ServerConfig(this.address, this.port, eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, this.extensions, this.listener,
				this.tls);
	}

	/**
	 * Return a copy with other default limits.
	 * @param limits the limits
	 * @return the configuration
	 */
	public ServerConfig withLimits(WsLimits limits) {
		return new ServerConfig(this.address, this.port, this.eventLoops, limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, this.extensions, this.listener,
				this.tls);
	}

	/**
	 * Return a copy with other connection limits.
	 * @param total the most connections open at once
	 * @param perAddress the most connections from one remote address
	 * @return the configuration
	 */
	public ServerConfig withMaxConnections(int total, int perAddress) {
		return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, total, perAddress,
				this.originPolicy, this.shutdownTimeout, this.extensions, this.listener, this.tls);
	}

	/**
	 * Return a copy with another origin policy.
	 * @param originPolicy the policy
	 * @return the configuration
	 */
	public ServerConfig withOriginPolicy(OriginPolicy originPolicy) {
		return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, originPolicy, this.shutdownTimeout, this.extensions, this.listener,
				this.tls);
	}

	/**
	 * Return a copy with another shutdown timeout.
	 * @param shutdownTimeout how long a stop waits for close handshakes
	 * @return the configuration
	 */
	public ServerConfig withShutdownTimeout(Duration shutdownTimeout) {
		return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, shutdownTimeout, this.extensions, this.listener,
				this.tls);
	}

	/**
	 * Return a copy with other extensions.
	 * @param extensions the extensions in order of preference
	 * @return the configuration
	 */
	public ServerConfig withExtensions(List<ExtensionFactory> extensions) {
		return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, extensions, this.listener,
				this.tls);
	}

	/**
	 * Return a copy with another listener.
	 * @param listener the listener
	 * @return the configuration
	 */
	public ServerConfig withListener(WsServerListener listener) {
		return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, this.extensions, listener,
				this.tls);
	}

	/**
	 * Return a copy with TLS on or off.
	 * @param tls the TLS configuration, or {@code null} for plain {@code ws://}
	 * @return the configuration
	 */
	public ServerConfig withTls(@Nullable TlsConfig tls) {
		return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, this.maxConnections,
				this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, this.extensions, this.listener,
				tls);
	}

}
