package io.wsboot.actuate.health;

import java.net.InetAddress;
import java.util.List;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsServerHealthIndicator}.
 */
class WsServerHealthIndicatorTests {

	private final WsServer server = new WsServer(
			ServerConfig.defaults().withBinding(InetAddress.getLoopbackAddress(), 0).withEventLoops(2),
			List.of(Endpoint.of("/echo", new WsHandler() {
			})));

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void upWhileTheSocketIsBoundAndTheLoopsRun() throws Exception {
		this.server.start();
		Health health = new WsServerHealthIndicator(() -> this.server).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("port", this.server.port())
			.containsEntry("eventLoops", 2)
			.containsEntry("tls", false)
			.containsEntry("sessions", 0);
	}

	@Test
	void downBeforeStartAndAfterStop() throws Exception {
		WsServerHealthIndicator indicator = new WsServerHealthIndicator(() -> this.server);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		this.server.start();
		this.server.stop();
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("running", false);
	}

	@Test
	void downWithoutAServer() {
		assertThat(new WsServerHealthIndicator(() -> null).health().getStatus()).isEqualTo(Status.DOWN);
	}

}
