package io.wsboot.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ServerConfig}.
 */
class ServerConfigTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		ServerConfig config = ServerConfig.defaults();
		assertThat(config.address()).isNull();
		assertThat(config.port()).isEqualTo(ServerConfig.DEFAULT_PORT).isEqualTo(8090);
		assertThat(config.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(config.limits()).isEqualTo(WsLimits.DEFAULTS);
		assertThat(config.maxConnections()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS);
		assertThat(config.maxConnectionsPerAddress()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
		assertThat(config.originPolicy()).isEqualTo(OriginPolicy.ALLOW_ALL);
		assertThat(config.shutdownTimeout()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(config.perMessageDeflate()).isNull();
		assertThat(config.listener()).isSameAs(WsServerListener.NONE);
		assertThat(config.tls()).isNull();
	}

	@Test
	void builderSetsEverySettingByName() {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		WsLimits limits = WsLimits.DEFAULTS.withMaxMessageBytes(1024);
		OriginPolicy origins = new OriginPolicy(List.of("https://example.com"), false);
		WsServerListener listener = new WsServerListener() {
		};
		ServerConfig config = ServerConfig.builder()
			.address(loopback)
			.port(0)
			.eventLoops(3)
			.limits(limits)
			.maxConnections(20)
			.maxConnectionsPerAddress(2)
			.originPolicy(origins)
			.shutdownTimeout(Duration.ZERO)
			.perMessageDeflate(PerMessageDeflate.DEFAULTS)
			.listener(listener)
			.build();
		assertThat(config).isEqualTo(new ServerConfig(loopback, 0, 3, limits, 20, 2, origins, Duration.ZERO,
				PerMessageDeflate.DEFAULTS, listener, null));
		assertThat(config.toBuilder().build()).isEqualTo(config);
	}

	@Test
	void withersChangeOnlyTheirSettings() {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		ServerConfig config = ServerConfig.defaults()
			.withBinding(loopback, 0)
			.withEventLoops(2)
			.withMaxConnections(5, 1)
			.withShutdownTimeout(Duration.ofSeconds(1))
			.withPerMessageDeflate(PerMessageDeflate.DEFAULTS);
		assertThat(config).isEqualTo(ServerConfig.builder()
			.address(loopback)
			.port(0)
			.eventLoops(2)
			.maxConnections(5)
			.maxConnectionsPerAddress(1)
			.shutdownTimeout(Duration.ofSeconds(1))
			.perMessageDeflate(PerMessageDeflate.DEFAULTS)
			.build());
		assertThat(config.withPerMessageDeflate(null).perMessageDeflate()).isNull();
	}

	@ParameterizedTest(name = "port {0}")
	@ValueSource(ints = { -1, 65536 })
	void portOutsideTheTcpRangeIsRejected(int port) {
		assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder().port(port).build())
			.withMessage("port must be between 0 and 65535 but was " + port);
	}

	@Test
	void countsMustBeAtLeastOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder().eventLoops(0).build())
			.withMessage("eventLoops must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> ServerConfig.builder().maxConnections(0).build())
			.withMessage("maxConnections must be at least 1 but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServerConfig.builder().maxConnectionsPerAddress(0).build())
			.withMessage("maxConnectionsPerAddress must be at least 1 but was 0");
	}

	@Test
	void shutdownTimeoutMustNotBeNegative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServerConfig.builder().shutdownTimeout(Duration.ofSeconds(-1)).build())
			.withMessage("shutdownTimeout must not be negative but was PT-1S");
	}

}
