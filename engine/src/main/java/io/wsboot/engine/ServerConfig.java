package io.wsboot.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link WsServer} listens and the limits shared by all its endpoints. Build one
 * with {@link #builder()}, or derive one with {@link #toBuilder()} or a {@code with...}
 * method.
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
 * @param perMessageDeflate the permessage-deflate settings, or {@code null} to negotiate
 * no extension
 * @param listener observes handshakes and sessions
 * @param tls TLS for {@code wss://}, or {@code null} for plain {@code ws://}
 * @param proxyProtocol whether connections start with a PROXY protocol header; not with
 * {@code tls}
 * @param trustedProxies the peers whose PROXY header or forwarded request headers give
 * the client's address
 * @param maxPendingHandshakes the most sockets that have not completed their upgrade;
 * more are closed at once
 * @author wsboot
 */
public record ServerConfig(@Nullable InetAddress address, int port, int eventLoops, WsLimits limits, int maxConnections,
		int maxConnectionsPerAddress, OriginPolicy originPolicy, Duration shutdownTimeout,
		@Nullable PerMessageDeflate perMessageDeflate, WsServerListener listener, @Nullable TlsConfig tls,
		ProxyProtocol proxyProtocol, TrustedProxies trustedProxies, int maxPendingHandshakes) {

	/** Default port of the engine, beside a web server's 8080. */
	public static final int DEFAULT_PORT = 8090;

	/** Default most connections open at once. */
	public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

	/** Default most connections from one remote address. */
	public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1_000;

	/**
	 * Default most sockets that have not completed their upgrade: 2,048, far more than a
	 * busy server has mid-handshake at once (an upgrade takes a round trip), and few
	 * enough that silent sockets cannot take every file descriptor.
	 */
	public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 2_048;

	/** Default time that a stop waits for close handshakes. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Create a configuration, rejecting values that cannot work; {@link #builder()} names
	 * each value.
	 * @param address the address to bind, or {@code null} for every local address
	 * @param port the port, 0 for a free one
	 * @param eventLoops the number of event-loop threads
	 * @param limits the default limits
	 * @param maxConnections the most connections open at once
	 * @param maxConnectionsPerAddress the most connections from one remote address
	 * @param originPolicy which origins may connect
	 * @param shutdownTimeout how long a stop waits for close handshakes
	 * @param perMessageDeflate the permessage-deflate settings, or {@code null} for none
	 * @param listener observes handshakes and sessions
	 * @param tls TLS for {@code wss://}, or {@code null} for plain {@code ws://}
	 * @param proxyProtocol whether connections start with a PROXY protocol header
	 * @param trustedProxies the peers whose word about the client's address is taken
	 * @param maxPendingHandshakes the most sockets that have not completed their upgrade
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
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(proxyProtocol, "proxyProtocol");
		Objects.requireNonNull(trustedProxies, "trustedProxies");
		if (proxyProtocol != ProxyProtocol.OFF && tls != null) {
			throw new IllegalArgumentException("proxyProtocol " + proxyProtocol
					+ " needs plain ws://: terminate TLS at the proxy, or turn the PROXY protocol off");
		}
		if (maxPendingHandshakes < 1) {
			throw new IllegalArgumentException(
					"maxPendingHandshakes must be at least 1 but was " + maxPendingHandshakes);
		}
	}

	/**
	 * The legacy constructor, without the client-address and pending-handshake settings:
	 * no PROXY protocol, {@link TrustedProxies#PRIVATE_NETWORKS},
	 * {@value #DEFAULT_MAX_PENDING_HANDSHAKES} pending handshakes.
	 * @param address the address to bind, or {@code null} for every local address
	 * @param port the port, 0 for a free one
	 * @param eventLoops the number of event-loop threads
	 * @param limits the default limits
	 * @param maxConnections the most connections open at once
	 * @param maxConnectionsPerAddress the most connections from one remote address
	 * @param originPolicy which origins may connect
	 * @param shutdownTimeout how long a stop waits for close handshakes
	 * @param perMessageDeflate the permessage-deflate settings, or {@code null} for none
	 * @param listener observes handshakes and sessions
	 * @param tls TLS for {@code wss://}, or {@code null} for plain {@code ws://}
	 */
	public ServerConfig(@Nullable InetAddress address, int port, int eventLoops, WsLimits limits, int maxConnections,
			int maxConnectionsPerAddress, OriginPolicy originPolicy, Duration shutdownTimeout,
			@Nullable PerMessageDeflate perMessageDeflate, WsServerListener listener, @Nullable TlsConfig tls) {
		this(address, port, eventLoops, limits, maxConnections, maxConnectionsPerAddress, originPolicy, shutdownTimeout,
				perMessageDeflate, listener, tls, ProxyProtocol.OFF, TrustedProxies.PRIVATE_NETWORKS,
				DEFAULT_MAX_PENDING_HANDSHAKES);
	}

	/**
	 * Return the defaults: every address, port {@value #DEFAULT_PORT}, one event loop per
	 * core, {@link WsLimits#DEFAULTS}, every origin, no extensions, no PROXY protocol,
	 * forwarded headers trusted from {@link TrustedProxies#PRIVATE_NETWORKS}, at most
	 * {@value #DEFAULT_MAX_PENDING_HANDSHAKES} pending handshakes.
	 * @return the default configuration
	 */
	public static ServerConfig defaults() {
		return builder().build();
	}

	/**
	 * Return a builder that starts from the {@linkplain #defaults() defaults}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from this configuration.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return a copy bound to another address and port.
	 * @param address the address, or {@code null} for every local address
	 * @param port the port, 0 for a free one
	 * @return the configuration
	 */
	public ServerConfig withBinding(@Nullable InetAddress address, int port) {
		return toBuilder().address(address).port(port).build();
	}

	/**
	 * Return a copy with another number of event loops.
	 * @param eventLoops the number of event-loop threads
	 * @return the configuration
	 */
	public ServerConfig withEventLoops(int eventLoops) {
		return toBuilder().eventLoops(eventLoops).build();
	}

	/**
	 * Return a copy with other default limits.
	 * @param limits the limits
	 * @return the configuration
	 */
	public ServerConfig withLimits(WsLimits limits) {
		return toBuilder().limits(limits).build();
	}

	/**
	 * Return a copy with other connection limits.
	 * @param total the most connections open at once
	 * @param perAddress the most connections from one remote address
	 * @return the configuration
	 */
	public ServerConfig withMaxConnections(int total, int perAddress) {
		return toBuilder().maxConnections(total).maxConnectionsPerAddress(perAddress).build();
	}

	/**
	 * Return a copy with another origin policy.
	 * @param originPolicy the policy
	 * @return the configuration
	 */
	public ServerConfig withOriginPolicy(OriginPolicy originPolicy) {
		return toBuilder().originPolicy(originPolicy).build();
	}

	/**
	 * Return a copy with another shutdown timeout.
	 * @param shutdownTimeout how long a stop waits for close handshakes
	 * @return the configuration
	 */
	public ServerConfig withShutdownTimeout(Duration shutdownTimeout) {
		return toBuilder().shutdownTimeout(shutdownTimeout).build();
	}

	/**
	 * Return a copy with permessage-deflate on or off.
	 * @param perMessageDeflate the settings, or {@code null} to negotiate no extension
	 * @return the configuration
	 */
	public ServerConfig withPerMessageDeflate(@Nullable PerMessageDeflate perMessageDeflate) {
		return toBuilder().perMessageDeflate(perMessageDeflate).build();
	}

	/**
	 * Return a copy with another listener.
	 * @param listener the listener
	 * @return the configuration
	 */
	public ServerConfig withListener(WsServerListener listener) {
		return toBuilder().listener(listener).build();
	}

	/**
	 * Return a copy with TLS on or off.
	 * @param tls the TLS configuration, or {@code null} for plain {@code ws://}
	 * @return the configuration
	 */
	public ServerConfig withTls(@Nullable TlsConfig tls) {
		return toBuilder().tls(tls).build();
	}

	/**
	 * Collects a configuration by name; {@link #build()} checks it. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable InetAddress address;

		private int port = DEFAULT_PORT;

		private int eventLoops = Runtime.getRuntime().availableProcessors();

		private WsLimits limits = WsLimits.DEFAULTS;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

		private OriginPolicy originPolicy = OriginPolicy.ALLOW_ALL;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private @Nullable PerMessageDeflate perMessageDeflate;

		private WsServerListener listener = WsServerListener.NONE;

		private @Nullable TlsConfig tls;

		private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;

		private TrustedProxies trustedProxies = TrustedProxies.PRIVATE_NETWORKS;

		private int maxPendingHandshakes = DEFAULT_MAX_PENDING_HANDSHAKES;

		private Builder() {
		}

		private Builder(ServerConfig config) {
			this.address = config.address;
			this.port = config.port;
			this.eventLoops = config.eventLoops;
			this.limits = config.limits;
			this.maxConnections = config.maxConnections;
			this.maxConnectionsPerAddress = config.maxConnectionsPerAddress;
			this.originPolicy = config.originPolicy;
			this.shutdownTimeout = config.shutdownTimeout;
			this.perMessageDeflate = config.perMessageDeflate;
			this.listener = config.listener;
			this.tls = config.tls;
			this.proxyProtocol = config.proxyProtocol;
			this.trustedProxies = config.trustedProxies;
			this.maxPendingHandshakes = config.maxPendingHandshakes;
		}

		/**
		 * Set the address to bind.
		 * @param address the address, or {@code null} for every local address
		 * @return this builder
		 */
		public Builder address(@Nullable InetAddress address) {
			this.address = address;
			return this;
		}

		/**
		 * Set the port to bind.
		 * @param port the port, 0 for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Set the number of event-loop threads.
		 * @param eventLoops the number, at least 1
		 * @return this builder
		 */
		public Builder eventLoops(int eventLoops) {
			this.eventLoops = eventLoops;
			return this;
		}

		/**
		 * Set the limits used before routing and by endpoints without their own.
		 * @param limits the limits
		 * @return this builder
		 */
		public Builder limits(WsLimits limits) {
			this.limits = limits;
			return this;
		}

		/**
		 * Set the most connections open at once.
		 * @param maxConnections the most, at least 1
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Set the most connections from one remote address.
		 * @param maxConnectionsPerAddress the most, at least 1
		 * @return this builder
		 */
		public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
			return this;
		}

		/**
		 * Set which origins may connect.
		 * @param originPolicy the policy
		 * @return this builder
		 */
		public Builder originPolicy(OriginPolicy originPolicy) {
			this.originPolicy = originPolicy;
			return this;
		}

		/**
		 * Set how long a stop waits for close handshakes.
		 * @param shutdownTimeout the timeout, not negative
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * Set the permessage-deflate settings.
		 * @param perMessageDeflate the settings, or {@code null} to negotiate no
		 * extension
		 * @return this builder
		 */
		public Builder perMessageDeflate(@Nullable PerMessageDeflate perMessageDeflate) {
			this.perMessageDeflate = perMessageDeflate;
			return this;
		}

		/**
		 * Set the listener that observes handshakes and sessions.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(WsServerListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Set TLS for {@code wss://}.
		 * @param tls the TLS configuration, or {@code null} for plain {@code ws://}
		 * @return this builder
		 */
		public Builder tls(@Nullable TlsConfig tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Set whether connections start with a PROXY protocol header (version 1 or 2).
		 * @param proxyProtocol off, required or optional
		 * @return this builder
		 */
		public Builder proxyProtocol(ProxyProtocol proxyProtocol) {
			this.proxyProtocol = proxyProtocol;
			return this;
		}

		/**
		 * Set the peers whose PROXY header or {@code Forwarded} / {@code X-Forwarded-For}
		 * headers give the client's address.
		 * @param trustedProxies the trusted ranges
		 * @return this builder
		 */
		public Builder trustedProxies(TrustedProxies trustedProxies) {
			this.trustedProxies = trustedProxies;
			return this;
		}

		/**
		 * Set the most sockets that have not completed their upgrade; more are closed at
		 * once.
		 * @param maxPendingHandshakes the most, at least 1
		 * @return this builder
		 */
		public Builder maxPendingHandshakes(int maxPendingHandshakes) {
			this.maxPendingHandshakes = maxPendingHandshakes;
			return this;
		}

		/**
		 * Create the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException when a value cannot work, naming it
		 */
		public ServerConfig build() {
			return new ServerConfig(this.address, this.port, this.eventLoops, this.limits, this.maxConnections,
					this.maxConnectionsPerAddress, this.originPolicy, this.shutdownTimeout, this.perMessageDeflate,
					this.listener, this.tls, this.proxyProtocol, this.trustedProxies, this.maxPendingHandshakes);
		}

	}

}
