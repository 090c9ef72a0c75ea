package io.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.endpoint.annotation.Dispatch;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the wsboot server ({@code wsboot.*}); the limits and
 * compression groups are {@link LimitsProperties} and {@link CompressionProperties}. The
 * defaults are the engine's (written out so that the configuration metadata shows them,
 * and checked against the engine's constants by a test). A bad value fails binding with
 * the property named: the engine's own checks decide, through {@link WsPropertiesMapper},
 * and the settings that only the Spring layer uses are checked here.
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

	@NestedConfigurationProperty
	private final LimitsProperties limits = new LimitsProperties();

	private final Executor executor = new Executor();

	private final Endpoint endpoint = new Endpoint();

	@NestedConfigurationProperty
	private final CompressionProperties compression = new CompressionProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Server getServer() {
		return this.server;
	}

	public LimitsProperties getLimits() {
		return this.limits;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public CompressionProperties getCompression() {
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
		Duration drainPeriod = properties.getServer().getShutdown().getDrainPeriod();
		if (drainPeriod == null || drainPeriod.isNegative()) {
			errors.rejectValue("server.shutdown.drain-period", "min", "must not be negative");
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

		private final Shutdown shutdown = new Shutdown();

		public Ssl getSsl() {
			return this.ssl;
		}

		public Shutdown getShutdown() {
			return this.shutdown;
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

		/**
		 * How a graceful shutdown drains the server.
		 */
		public static class Shutdown {

			/**
			 * Period over which a graceful shutdown closes the open sessions, each at a
			 * random moment.
			 */
			private Duration drainPeriod = Duration.ofSeconds(5);

			public Duration getDrainPeriod() {
				return this.drainPeriod;
			}

			public void setDrainPeriod(Duration drainPeriod) {
				this.drainPeriod = drainPeriod;
			}

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

}
