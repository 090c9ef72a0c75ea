package io.wsboot.autoconfigure;

import io.wsboot.endpoint.annotation.Dispatch;
import io.wsboot.engine.OriginPolicy;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property defaults are the engine's (as Boot's RSocketPropertiesTests check theirs):
 * they are written out in {@link WsProperties} for the configuration metadata, and these
 * tests keep them equal to the engine's constants.
 */
class WsPropertiesTests {

	private final WsProperties properties = new WsProperties();

	@Test
	void limitDefaultsMatchTheEngine() {
		WsProperties.Limits limits = this.properties.getLimits();
		assertThat(limits.getMaxFramePayloadSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_FRAME_PAYLOAD_BYTES);
		assertThat(limits.getMaxMessageSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_MESSAGE_BYTES);
		assertThat(limits.getMaxHandshakeHeadSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_HANDSHAKE_HEAD_BYTES);
		assertThat(limits.getMaxOutboundQueueSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_OUTBOUND_QUEUE_BYTES);
		assertThat(limits.getSlowConsumerPolicy()).isEqualTo(WsLimits.DEFAULT_SLOW_CONSUMER_POLICY);
		assertThat(limits.getHandshakeTimeout()).isEqualTo(WsLimits.DEFAULT_HANDSHAKE_TIMEOUT);
		assertThat(limits.getIdleTimeout()).isEqualTo(WsLimits.DEFAULT_IDLE_TIMEOUT);
		assertThat(limits.getCloseTimeout()).isEqualTo(WsLimits.DEFAULT_CLOSE_TIMEOUT);
		assertThat(limits.getPingInterval()).isEqualTo(WsLimits.DEFAULT_PING_INTERVAL);
		assertThat(mapped().limits()).isEqualTo(WsLimits.DEFAULTS);
	}

	@Test
	void serverDefaultsMatchTheEngine() {
		WsProperties.Server server = this.properties.getServer();
		ServerConfig engine = ServerConfig.defaults();
		assertThat(server.getPort()).isEqualTo(ServerConfig.DEFAULT_PORT);
		assertThat(server.getAddress()).isEqualTo(engine.address());
		assertThat(server.getMaxConnections()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS);
		assertThat(server.getMaxConnectionsPerAddress()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
		assertThat(server.getShutdownTimeout()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(server.getAllowedOrigins()).isEqualTo(OriginPolicy.ALLOW_ALL.allowedOrigins());
		assertThat(server.isAllowMissingOrigin()).isEqualTo(OriginPolicy.ALLOW_ALL.allowMissingOrigin());
		assertThat(server.getEventLoops()).isNull();
		assertThat(server.isAutoStartup()).isTrue();
		assertThat(server.getSsl().isActive()).isFalse();
		assertThat(mapped()).isEqualTo(engine.withPerMessageDeflate(mapped().perMessageDeflate()));
	}

	@Test
	void compressionDefaultsMatchTheEngineButForServerContextTakeover() {
		WsProperties.Compression compression = this.properties.getCompression();
		PerMessageDeflate engine = PerMessageDeflate.DEFAULTS;
		assertThat(compression.isEnabled()).isEqualTo(engine.enabled());
		assertThat(compression.getThreshold().toBytes())
			.isEqualTo(PerMessageDeflate.DEFAULT_COMPRESSION_THRESHOLD_BYTES);
		assertThat(compression.getLevel()).isEqualTo(PerMessageDeflate.DEFAULT_COMPRESSION_LEVEL);
		assertThat(compression.isClientNoContextTakeover()).isEqualTo(engine.clientNoContextTakeover());
		// a server's connections share pooled compressors rather than holding ~260 KiB
		// each
		assertThat(compression.isServerNoContextTakeover()).isTrue();
		assertThat(mapped().perMessageDeflate()).isEqualTo(engine.withNoContextTakeover(true, false));
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

	private ServerConfig mapped() {
		return new WsPropertiesMapper(this.properties).toServerConfig().build();
	}

}
