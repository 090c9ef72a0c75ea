package io.wsboot.actuate.health;

import java.util.function.Supplier;

import io.wsboot.engine.WsServer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A {@link HealthIndicator} of the wsboot server: UP while its socket is bound and every
 * event loop is alive, DOWN otherwise, including while it is not running.
 *
 * @author wsboot
 */
public class WsServerHealthIndicator extends AbstractHealthIndicator {

	private final Supplier<@Nullable WsServer> server;

	/**
	 * Create an indicator.
	 * @param server supplies the running server, or {@code null} when there is none
	 */
	public WsServerHealthIndicator(Supplier<@Nullable WsServer> server) {
		super("wsboot server health check failed");
		this.server = server;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		WsServer server = this.server.get();
		if (server == null || !server.isRunning()) {
			builder.down().withDetail("running", false);
			return;
		}
		builder.withDetail("running", true).withDetail("eventLoops", server.config().eventLoops());
		if (!server.isHealthy()) {
			builder.down().withDetail("error", "the server socket is closed or an event loop has stopped");
			return;
		}
		builder.up()
			.withDetail("port", server.port())
			.withDetail("tls", server.config().tls() != null)
			.withDetail("sessions", server.sessions().size());
	}

}
