package io.wsboot.autoconfigure;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Runs the wsboot {@link WsServer} with the application context: {@link #start()} binds
 * the port, publishes it as {@value #PORT_PROPERTY} and a {@link WsServerStartedEvent};
 * {@link #stop()} closes every session with 1001, waits up to the shutdown timeout for
 * the close handshakes and for the {@code @OnClose} handlers, then closes the rest.
 *
 * @author wsboot
 */
public final class WsServerLifecycle implements SmartLifecycle {

	/** The property that holds the bound port once the server started. */
	public static final String PORT_PROPERTY = "local.wsboot.port";

	/** Starts after other lifecycles and stops before them, as Boot's web server does. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final String PROPERTY_SOURCE_NAME = "wsboot.server.ports";

	private static final Log logger = LogFactory.getLog(WsServerLifecycle.class);

	private final ServerConfig config;

	private final Supplier<List<Endpoint>> endpoints;

	private final @Nullable SessionRegistry registry;

	private final ConfigurableEnvironment environment;

	private final ApplicationEventPublisher eventPublisher;

	private final boolean autoStartup;

	private volatile @Nullable WsServer server;

	/**
	 * Create a lifecycle.
	 * @param config the server configuration
	 * @param endpoints supplies the endpoints when the server starts
	 * @param registry the sessions to wait for on stop, or {@code null}
	 * @param environment where to publish the bound port
	 * @param eventPublisher where to publish {@link WsServerStartedEvent}
	 * @param autoStartup whether to start with the application context
	 */
	public WsServerLifecycle(ServerConfig config, Supplier<List<Endpoint>> endpoints,
			@Nullable SessionRegistry registry, ConfigurableEnvironment environment,
			ApplicationEventPublisher eventPublisher, boolean autoStartup) {
		this.config = config;
		this.endpoints = endpoints;
		this.registry = registry;
		this.environment = environment;
		this.eventPublisher = eventPublisher;
		this.autoStartup = autoStartup;
	}

	/**
	 * Return the server configuration.
	 * @return the configuration
	 */
	public ServerConfig getConfig() {
		return this.config;
	}

	/**
	 * Return the running server.
	 * @return the server, or {@code null} when not running
	 */
	public @Nullable WsServer getServer() {
		return this.server;
	}

	@Override
	public void start() {
		if (this.server != null) {
			return;
		}
		WsServer server;
		try {
			server = new WsServer(this.config, this.endpoints.get());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("wsboot endpoints are invalid: " + ex.getMessage(), ex);
		}
		try {
			server.start();
		}
		catch (IOException ex) {
			if (isPortInUse(ex)) {
				throw new WsPortInUseException(this.config.address(), this.config.port(), ex);
			}
			throw new IllegalStateException("wsboot could not listen on "
					+ ((this.config.address() != null) ? this.config.address().getHostAddress() : "*") + ":"
					+ this.config.port() + ": " + ex.getMessage(), ex);
		}
		this.server = server;
		int port = server.port();
		publishPort(port);
		logger.info("wsboot WebSocket server started on port " + port + " with " + server.endpoints().size()
				+ " endpoint(s)");
		this.eventPublisher.publishEvent(new WsServerStartedEvent(server));
	}

	/**
	 * Whether binding failed because the port is taken, as Boot's web servers decide it:
	 * a {@link BindException} whose message says "in use" (rather than, say, an address
	 * that the host does not have).
	 */
	private static boolean isPortInUse(IOException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException && cause.getMessage() != null
					&& cause.getMessage().toLowerCase(Locale.ROOT).contains("in use")) {
				return true;
			}
		}
		return false;
	}

	private void publishPort(int port) {
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
		if (source instanceof MapPropertySource mapSource) {
			mapSource.getSource().put(PORT_PROPERTY, port);
		}
		else {
			sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>(Map.of(PORT_PROPERTY, port))));
		}
	}

	@Override
	public void stop() {
		WsServer server = this.server;
		if (server == null) {
			return;
		}
		this.server = null;
		long started = System.nanoTime();
		server.stop();
		if (this.registry != null) {
			Duration timeout = this.config.shutdownTimeout();
			Duration remaining = timeout.minusNanos(System.nanoTime() - started);
			try {
				if (!this.registry.awaitCompletion(remaining.isNegative() ? Duration.ZERO : remaining)) {
					logger.warn("wsboot close handlers did not complete within " + timeout);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
