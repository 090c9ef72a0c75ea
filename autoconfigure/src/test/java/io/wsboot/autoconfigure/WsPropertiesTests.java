package io.wsboot.autoconfigure;

import io.wsboot.endpoint.annotation.Dispatch;
import io.wsboot.engine.OriginPolicy;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property defaults are the engine's (as Boot's RSocketPropertiesTests check theirs).
 */
class WsPropertiesTests {

	private final WsProperties properties = new WsProperties();

	@Test
	void limitDefaultsMatchTheEngine() {
		WsProperties.Limits limits = this.properties.getLimits();
		WsLimits engine = WsLimits.DEFAULTS;
		assertThat(limits.getMaxFramePayloadSize().toBytes()).isEqualTo(engine.maxFramePayloadBytes())
			.isEqualTo(WsLimits.DEFAULT_MAX_FRAME_PAYLOAD_BYTES);
		assertThat(limits.getMaxMessageSize().toBytes()).isEqualTo(engine.maxMessageBytes());
		assertThat(limits.getMaxHandshakeHeadSize().toBytes()).isEqualTo(engine.maxHandshakeHeadBytes());
		assertThat(limits.getMaxOutboundQueueSize().toBytes()).isEqualTo(engine.maxOutboundQueueBytes());
		assertThat(limits.getSlowConsumerPolicy()).isEqualTo(engine.slowConsumerPolicy());
		assertThat(limits.getHandshakeTimeout()).isEqualTo(engine.handshakeTimeout());
		assertThat(limits.getIdleTimeout()).isEqualTo(engine.idleTimeout());
		assertThat(limits.getCloseTimeout()).isEqualTo(engine.closeTimeout());
		assertThat(limits.getPingInterval()).isEqualTo(engine.pingInterval());
		assertThat(WsAutoConfiguration.limits(limits)).isEqualTo(engine);
	}

	@Test
	void serverDefaultsMatchTheEngine() {
		WsProperties.Server server = this.properties.getServer();
		ServerConfig engine = ServerConfig.defaults();
		assertThat(server.getPort()).isEqualTo(ServerConfig.DEFAULT_PORT).isEqualTo(8090);
		assertThat(server.getAddress()).isEqualTo(engine.address());
		assertThat(server.getMaxConnections()).isEqualTo(engine.maxConnections());
		assertThat(server.getMaxConnectionsPerAddress()).isEqualTo(engine.maxConnectionsPerAddress());
		assertThat(server.getShutdownTimeout()).isEqualTo(engine.shutdownTimeout());
		assertThat(server.getAllowedOrigins()).isEqualTo(OriginPolicy.ALLOW_ALL.allowedOrigins());
		assertThat(server.isAllowMissingOrigin()).isEqualTo(OriginPolicy.ALLOW_ALL.allowMissingOrigin());
		assertThat(server.getEventLoops()).isNull();
		assertThat(server.isAutoStartup()).isTrue();
	}

	@Test
	void enabledWithEightHandlerThreadsByDefault() {
		assertThat(this.properties.isEnabled()).isTrue();
		assertThat(this.properties.getExecutor().getThreads()).isEqualTo(8);
		assertThat(this.properties.getExecutor().getThreadNamePrefix()).isEqualTo("wsboot-handler-");
	}

	@Test
	void endpointsAreDispatchedToTheExecutorByDefault() {
		assertThat(this.properties.getEndpoint().getDispatch()).isEqualTo(Dispatch.EXECUTOR);
	}

}
