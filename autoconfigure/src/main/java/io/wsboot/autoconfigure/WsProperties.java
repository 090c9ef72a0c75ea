package io.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.endpoint.annotation.Dispatch;
import io.wsboot.engine.SlowConsumerPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the wsboot server. The defaults are those of the engine's
 * {@code ServerConfig}, {@code WsLimits} and {@code PerMessageDeflate} (written out here
 * so that the configuration metadata shows them). The properties validate themselves when
 * bound, so that a bad value fails start-up with the property named: the engine's own
 * checks decide, through {@link WsPropertiesMapper}, and the few settings that only the
 * Spring layer uses are checked here.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot")
public class WsProperties implements Validator {

	/**
	 * Whether to run the wsboot WebSocket server.
	 */
	private boolean enabled = true;

	private final Server server = new Server();

	private final Limits limits = new Limits();

	private final Executor executor = new Executor();

	private final Endpoint endpoint = new Endpoint();

	private final Compression compression = new Compression();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Server getServer() {
		return this.server;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Compression getCompression() {
		return this.compression;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		WsProperties properties = (WsProperties) target;
		new WsPropertiesMapper(properties).validate(errors);
		if (properties.getExecutor().getThreads() < 1) {
			errors.rejectValue("executor.threads", "min", "must be at least 1");
		}
		Dispatch dispatch = properties.getEndpoint().getDispatch();
		if (dispatch == null || dispatch == Dispatch.DEFAULT) {
			errors.rejectValue("endpoint.dispatch", "invalid", "must be executor or event-loop");
		}
		Server.Ssl ssl = properties.getServer().getSsl();
		if (Boolean.TRUE.equals(ssl.getEnabled()) && (ssl.getBundle() == null || ssl.getBundle().isBlank())) {
			errors.rejectValue("server.ssl.bundle", "required",
					"must name an SSL bundle (spring.ssl.bundle.*) when wsboot.server.ssl.enabled is true");
		}
	}

	/**
	 * How the server listens.
	 */
	public static class Server {

		/**
		 * Port of the WebSocket server; 0 picks a free port, published as
		 * 'local.wsboot.port'.
		 */
		private int port = 8090;

		/**
		 * Network address to bind; every local address when not set.
		 */
		private @Nullable InetAddress address;

		/**
		 * Number of event-loop threads; one per available processor when not set.
		 */
		private @Nullable Integer eventLoops;

		/**
		 * Maximum number of connections open at once; more are answered with 503.
		 */
		private int maxConnections = 10000;

		/**
		 * Maximum number of connections from one remote address; more are answered with
		 * 503.
		 */
		private int maxConnectionsPerAddress = 1000;

		/**
		 * Time that a shutdown waits for close handshakes and close handlers.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Origins allowed to connect, exact or with '*' wildcards; every origin when
		 * empty.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Whether requests without an Origin header (non-browser clients) are accepted.
		 */
		private boolean allowMissingOrigin = true;

		/**
		 * Whether to start the server when the application context starts.
		 */
		private boolean autoStartup = true;

		private final Ssl ssl = new Ssl();

		public Ssl getSsl() {
			return this.ssl;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public @Nullable Integer getEventLoops() {
			return this.eventLoops;
		}

		public void setEventLoops(@Nullable Integer eventLoops) {
			this.eventLoops = eventLoops;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxConnectionsPerAddress() {
			return this.maxConnectionsPerAddress;
		}

		public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public boolean isAllowMissingOrigin() {
			return this.allowMissingOrigin;
		}

		public void setAllowMissingOrigin(boolean allowMissingOrigin) {
			this.allowMissingOrigin = allowMissingOrigin;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		/**
		 * TLS for {@code wss://}, from a Spring Boot SSL bundle.
		 */
		public static class Ssl {

			/**
			 * Whether the engine's listener speaks TLS (wss://). Defaults to on when a
			 * bundle is named.
			 */
			private @Nullable Boolean enabled;

			/**
			 * Name of the SSL bundle (spring.ssl.bundle.*) with the server's key and
			 * certificate; its protocols and ciphers options apply too.
			 */
			private @Nullable String bundle;

			public @Nullable Boolean getEnabled() {
				return this.enabled;
			}

			public void setEnabled(@Nullable Boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable String getBundle() {
				return this.bundle;
			}

			public void setBundle(@Nullable String bundle) {
				this.bundle = bundle;
			}

			/**
			 * Whether TLS is on: a bundle is named and TLS is not switched off.
			 * @return {@code true} for wss://
			 */
			public boolean isActive() {
				return (this.enabled != null) ? this.enabled : this.bundle != null && !this.bundle.isBlank();
			}

		}

	}

	/**
	 * Limits and timeouts of every endpoint that does not override them.
	 */
	public static class Limits {

		/**
		 * Maximum payload of a single frame.
		 */
		private DataSize maxFramePayloadSize = DataSize.ofMegabytes(1);

		/**
		 * Maximum size of a reassembled message; a larger one closes with 1009.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(1);

		/**
		 * Maximum size of the HTTP upgrade request head; a larger one is answered with
		 * 431.
		 */
		private DataSize maxHandshakeHeadSize = DataSize.ofKilobytes(8);

		/**
		 * Maximum bytes queued for sending to one client before the slow-consumer policy
		 * applies.
		 */
		private DataSize maxOutboundQueueSize = DataSize.ofMegabytes(4);

		/**
		 * What to do when a client reads too slowly for its outbound queue.
		 */
		private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.CLOSE;

		/**
		 * Time allowed from TCP accept to a complete upgrade request.
		 */
		private Duration handshakeTimeout = Duration.ofSeconds(10);

		/**
		 * Time without an inbound frame after which a session is closed with 1001; 0
		 * disables it.
		 */
		private Duration idleTimeout = Duration.ofMinutes(5);

		/**
		 * Time allowed for the peer to answer a close frame.
		 */
		private Duration closeTimeout = Duration.ofSeconds(5);

		/**
		 * Interval of keep-alive pings on a quiet connection; 0 disables them.
		 */
		private Duration pingInterval = Duration.ZERO;

		public DataSize getMaxFramePayloadSize() {
			return this.maxFramePayloadSize;
		}

		public void setMaxFramePayloadSize(DataSize maxFramePayloadSize) {
			this.maxFramePayloadSize = maxFramePayloadSize;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public DataSize getMaxHandshakeHeadSize() {
			return this.maxHandshakeHeadSize;
		}

		public void setMaxHandshakeHeadSize(DataSize maxHandshakeHeadSize) {
			this.maxHandshakeHeadSize = maxHandshakeHeadSize;
		}

		public DataSize getMaxOutboundQueueSize() {
			return this.maxOutboundQueueSize;
		}

		public void setMaxOutboundQueueSize(DataSize maxOutboundQueueSize) {
			this.maxOutboundQueueSize = maxOutboundQueueSize;
		}

		public SlowConsumerPolicy getSlowConsumerPolicy() {
			return this.slowConsumerPolicy;
		}

		public void setSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
			this.slowConsumerPolicy = slowConsumerPolicy;
		}

		public Duration getHandshakeTimeout() {
			return this.handshakeTimeout;
		}

		public void setHandshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getCloseTimeout() {
			return this.closeTimeout;
		}

		public void setCloseTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

	}

	/**
	 * The executor that runs handler methods off the event loops (ignored when
	 * spring.threads.virtual.enabled=true on Java 21+, which uses virtual threads).
	 */
	public static class Executor {

		/**
		 * Number of platform threads that run handler methods.
		 */
		private int threads = 8;

		/**
		 * Prefix of the names of handler threads.
		 */
		private String threadNamePrefix = "wsboot-handler-";

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public String getThreadNamePrefix() {
			return this.threadNamePrefix;
		}

		public void setThreadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
		}

	}

	/**
	 * How {@code @WsEndpoint} beans are called.
	 */
	public static class Endpoint {

		/**
		 * Which thread runs the handler methods of endpoints that do not choose with
		 * '@WsEndpoint(dispatch = ...)': 'executor' (the handler executor, methods may
		 * block) or 'event-loop' (the event loop that read the frame, no hand-off,
		 * methods must never block).
		 */
		private Dispatch dispatch = Dispatch.EXECUTOR;

		public Dispatch getDispatch() {
			return this.dispatch;
		}

		public void setDispatch(Dispatch dispatch) {
			this.dispatch = dispatch;
		}

	}

	/**
	 * permessage-deflate (RFC 7692) for clients that offer it, as every browser does.
	 */
	public static class Compression {

		/**
		 * Whether permessage-deflate may be negotiated; endpoints can opt out with
		 * '@WsEndpoint(compression = false)'.
		 */
		private boolean enabled = true;

		/**
		 * Smallest message that is compressed; smaller ones go out as they are.
		 */
		private DataSize threshold = DataSize.ofBytes(256);

		/**
		 * Deflate compression level, from 1 (fastest) to 9 (smallest).
		 */
		private int level = 1;

		/**
		 * Whether the server compresses each message on its own
		 * (server_no_context_takeover), which lets connections share pooled compressors
		 * instead of holding about 260 KiB of native memory each.
		 */
		private boolean serverNoContextTakeover = true;

		/**
		 * Whether to ask clients to compress each message on their own
		 * (client_no_context_takeover).
		 */
		private boolean clientNoContextTakeover = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

		public int getLevel() {
			return this.level;
		}

		public void setLevel(int level) {
			this.level = level;
		}

		public boolean isServerNoContextTakeover() {
			return this.serverNoContextTakeover;
		}

		public void setServerNoContextTakeover(boolean serverNoContextTakeover) {
			this.serverNoContextTakeover = serverNoContextTakeover;
		}

		public boolean isClientNoContextTakeover() {
			return this.clientNoContextTakeover;
		}

		public void setClientNoContextTakeover(boolean clientNoContextTakeover) {
			this.clientNoContextTakeover = clientNoContextTakeover;
		}

	}

}
