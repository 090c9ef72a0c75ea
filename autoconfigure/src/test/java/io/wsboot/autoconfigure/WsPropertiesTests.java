package io.wsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.wsboot.endpoint.annotation.Dispatch;
import io.wsboot.engine.MessageRatePolicy;
import io.wsboot.engine.OriginPolicy;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.ProxyProtocol;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.TrustedProxies;
import io.wsboot.engine.WsLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

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
		LimitsProperties limits = this.properties.getLimits();
		assertThat(limits.getMaxFramePayloadSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_FRAME_PAYLOAD_BYTES);
		assertThat(limits.getMaxMessageSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_MESSAGE_BYTES);
		assertThat(limits.getMaxHandshakeHeadSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_HANDSHAKE_HEAD_BYTES);
		assertThat(limits.getMaxOutboundQueueSize().toBytes()).isEqualTo(WsLimits.DEFAULT_MAX_OUTBOUND_QUEUE_BYTES);
		assertThat(limits.getSlowConsumerPolicy()).isEqualTo(WsLimits.DEFAULT_SLOW_CONSUMER_POLICY);
		assertThat(limits.getHandshakeTimeout()).isEqualTo(WsLimits.DEFAULT_HANDSHAKE_TIMEOUT);
		assertThat(limits.getIdleTimeout()).isEqualTo(WsLimits.DEFAULT_IDLE_TIMEOUT);
		assertThat(limits.getCloseTimeout()).isEqualTo(WsLimits.DEFAULT_CLOSE_TIMEOUT);
		assertThat(limits.getPingInterval()).isEqualTo(WsLimits.DEFAULT_PING_INTERVAL);
		assertThat(limits.getMaxMessagesPerSecond()).isEqualTo(WsLimits.DEFAULT_MAX_MESSAGES_PER_SECOND);
		assertThat(limits.getMessageBurst()).isEqualTo(WsLimits.DEFAULT_MESSAGE_BURST);
		assertThat(limits.getMessageRatePolicy()).isEqualTo(WsLimits.DEFAULT_MESSAGE_RATE_POLICY);
		assertThat(limits.getMaxPendingHandshakes()).isEqualTo(ServerConfig.DEFAULT_MAX_PENDING_HANDSHAKES);
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
		assertThat(server.getProxyProtocol()).isEqualTo(engine.proxyProtocol());
		assertThat(TrustedProxies.of(server.getTrustedProxies())).isEqualTo(engine.trustedProxies());
		assertThat(server.getSsl().isActive()).isFalse();
		assertThat(mapped()).isEqualTo(engine.withPerMessageDeflate(mapped().perMessageDeflate()));
	}

	@Test
	void compressionDefaultsMatchTheEngineButForServerContextTakeover() {
		CompressionProperties compression = this.properties.getCompression();
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

	@Test
	void metadataDescribesEveryPropertyWithItsDefault() throws IOException {
		// these have no value until set: the engine then decides (every address, one
		// event loop per core, every origin, plain ws://)
		Set<String> unsetByDefault = Set.of("wsboot.server.address", "wsboot.server.event-loops",
				"wsboot.server.allowed-origins", "wsboot.server.ssl.enabled", "wsboot.server.ssl.bundle");
		Set<String> sources = Set.of(WsProperties.class.getName(), WsProperties.Server.class.getName(),
				WsProperties.Server.Ssl.class.getName(), WsProperties.Executor.class.getName(),
				WsProperties.Endpoint.class.getName(), LimitsProperties.class.getName(),
				CompressionProperties.class.getName());
		List<String> names = new ArrayList<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
				if (!sources.contains(property.path("sourceType").asString())) {
					continue;
				}
				String name = property.get("name").asString();
				names.add(name);
				assertThat(property.path("description").asString()).as(name).isNotBlank();
				assertThat(property.has("defaultValue")).as(name).isNotEqualTo(unsetByDefault.contains(name));
			}
		}
		assertThat(names).hasSize(35).containsAll(unsetByDefault);
	}

	@Test
	void clientAddressAndAbuseLimitPropertiesMapOntoTheEngine() {
		this.properties.getServer().setProxyProtocol(ProxyProtocol.OPTIONAL);
		this.properties.getServer().setTrustedProxies(List.of("192.0.2.0/24"));
		this.properties.getLimits().setMaxPendingHandshakes(256);
		this.properties.getLimits().setMaxMessagesPerSecond(100);
		this.properties.getLimits().setMessageBurst(200);
		this.properties.getLimits().setMessageRatePolicy(MessageRatePolicy.DROP);
		ServerConfig config = mapped();
		assertThat(config.proxyProtocol()).isEqualTo(ProxyProtocol.OPTIONAL);
		assertThat(config.trustedProxies()).isEqualTo(TrustedProxies.of(List.of("192.0.2.0/24")));
		assertThat(config.maxPendingHandshakes()).isEqualTo(256);
		assertThat(config.limits().maxMessagesPerSecond()).isEqualTo(100);
		assertThat(config.limits().messageBurst()).isEqualTo(200);
		assertThat(config.limits().messageRatePolicy()).isEqualTo(MessageRatePolicy.DROP);
	}

	@Test
	void badTrustedProxyOrNegativeRateFailsBindingWithThePropertyNamed() {
		this.properties.getServer().setTrustedProxies(List.of("10.0.0.0/8", "proxy.internal"));
		this.properties.getLimits().setMaxMessagesPerSecond(-1);
		this.properties.getLimits().setMaxPendingHandshakes(0);
		Errors errors = new BeanPropertyBindingResult(this.properties, "wsboot");
		this.properties.validate(this.properties, errors);
		assertThat(errors.getFieldError("server.trustedProxies").getDefaultMessage())
			.isEqualTo("'proxy.internal' is not an IP address or CIDR range");
		assertThat(errors.getFieldError("limits.maxMessagesPerSecond").getDefaultMessage())
			.isEqualTo("maxMessagesPerSecond must not be negative but was -1");
		assertThat(errors.getFieldError("limits.maxPendingHandshakes").getDefaultMessage())
			.isEqualTo("maxPendingHandshakes must be at least 1 but was 0");
	}

	private ServerConfig mapped() {
		return new WsPropertiesMapper(this.properties).toServerConfig().build();
	}

}
