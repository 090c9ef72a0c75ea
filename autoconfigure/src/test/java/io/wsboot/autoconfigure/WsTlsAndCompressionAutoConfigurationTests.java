package io.wsboot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.annotation.WsEndpointRegistrar;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.UpgradeRequest;
import io.wsboot.engine.tls.SelfSignedCertificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the TLS ({@code wsboot.server.ssl.*}) and compression
 * ({@code wsboot.compression.*}) parts of {@link WsAutoConfiguration}.
 */
class WsTlsAndCompressionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SslAutoConfiguration.class,
				WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1");

	@Nested
	@DisplayName("permessage-deflate (RFC 7692)")
	class Compression {

		@Test
		void isOfferedWithBoundedMemoryByDefault() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner
				.withPropertyValues("wsboot.server.auto-startup=false")
				.run((context) -> {
					ServerConfig config = context.getBean(ServerConfig.class);
					assertThat(config.perMessageDeflate())
						.isEqualTo(PerMessageDeflate.DEFAULTS.withNoContextTakeover(true, false));
				});
		}

		@Test
		void propertiesSetEverySetting() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner
				.withPropertyValues("wsboot.server.auto-startup=false", "wsboot.compression.threshold=1KB",
						"wsboot.compression.level=9", "wsboot.compression.server-no-context-takeover=false",
						"wsboot.compression.client-no-context-takeover=true")
				.run((context) -> assertThat(context.getBean(ServerConfig.class).perMessageDeflate())
					.isEqualTo(PerMessageDeflate.builder()
						.compressionThresholdBytes(1024)
						.compressionLevel(9)
						.serverNoContextTakeover(false)
						.clientNoContextTakeover(true)
						.build()));
		}

		@Test
		void canBeTurnedOff() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner.withUserConfiguration(Endpoints.class)
				.withPropertyValues("wsboot.compression.enabled=false")
				.run((context) -> {
					assertThat(context.getBean(ServerConfig.class).perMessageDeflate())
						.isEqualTo(PerMessageDeflate.DEFAULTS.withEnabled(false).withNoContextTakeover(true, false));
					int port = context.getBean(WsServerLifecycle.class).getServer().port();
					assertThat(extensionsHeader(port, "/compressed")).isNull();
				});
		}

		@Test
		void invalidLevelFailsStartUpNamingTheProperty() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner
				.withPropertyValues("wsboot.server.auto-startup=false", "wsboot.compression.level=12")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("compression.level")
					.hasMessageContaining("must be between 1 and 9"));
		}

		@Test
		void endpointThatOptsOutAnswersWithoutTheExtension() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner.withUserConfiguration(Endpoints.class)
				.run((context) -> {
					int port = context.getBean(WsServerLifecycle.class).getServer().port();
					assertThat(extensionsHeader(port, "/compressed"))
						.isEqualTo("permessage-deflate; server_no_context_takeover");
					assertThat(extensionsHeader(port, "/plain")).isNull();
					assertThat(context.getBean(WsEndpointRegistrar.class).getEndpoints())
						.extracting(Endpoint::pathTemplate, Endpoint::extensionsEnabled)
						.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/compressed", true),
								org.assertj.core.groups.Tuple.tuple("/plain", false));
				});
		}

		private String extensionsHeader(int port, String path) throws Exception {
			try (RawWsClient client = RawWsClient.connect(port)) {
				HttpResponseHead head = client
					.upgrade(UpgradeRequest.get(path).header("Sec-WebSocket-Extensions", "permessage-deflate"));
				assertThat(head.status()).isEqualTo(101);
				return head.header("sec-websocket-extensions");
			}
		}

	}

	@Nested
	@DisplayName("wss:// through an SSL bundle")
	class Tls {

		@Test
		void bundleTurnsTheListenerIntoTls() throws Exception {
			SelfSignedCertificate certificate = SelfSignedCertificate.get();
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner.withUserConfiguration(Endpoints.class)
				.withPropertyValues(bundleProperties(certificate))
				.withPropertyValues("wsboot.server.ssl.bundle=test")
				.run((context) -> {
					assertThat(context.getBean(ServerConfig.class).tls()).isNotNull();
					int port = context.getBean(WsServerLifecycle.class).getServer().port();
					LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
					WebSocket socket = HttpClient.newBuilder()
						.sslContext(certificate.clientContext())
						.build()
						.newWebSocketBuilder()
						.buildAsync(URI.create("wss://localhost:" + port + "/plain"), new WebSocket.Listener() {
							@Override
							public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
								received.add(data.toString());
								webSocket.request(1);
								return null;
							}
						})
						.get(10, TimeUnit.SECONDS);
					socket.sendText("secret", true).get(5, TimeUnit.SECONDS);
					assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("secret");
				});
		}

		@Test
		void bundleWithTlsSwitchedOffStaysPlain() throws Exception {
			SelfSignedCertificate certificate = SelfSignedCertificate.get();
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner
				.withPropertyValues(bundleProperties(certificate))
				.withPropertyValues("wsboot.server.auto-startup=false", "wsboot.server.ssl.bundle=test",
						"wsboot.server.ssl.enabled=false")
				.run((context) -> assertThat(context.getBean(ServerConfig.class).tls()).isNull());
		}

		@Test
		void enabledWithoutABundleFailsStartUp() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner
				.withPropertyValues("wsboot.server.auto-startup=false", "wsboot.server.ssl.enabled=true")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("server.ssl.bundle")
					.hasMessageContaining("must name an SSL bundle"));
		}

		@Test
		void unknownBundleFailsStartUpNamingIt() {
			WsTlsAndCompressionAutoConfigurationTests.this.contextRunner
				.withPropertyValues("wsboot.server.auto-startup=false", "wsboot.server.ssl.bundle=missing")
				.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("missing"));
		}

		private String[] bundleProperties(SelfSignedCertificate certificate) {
			return new String[] {
					"spring.ssl.bundle.jks.test.keystore.location=file:" + certificate.keyStoreFile().toAbsolutePath(),
					"spring.ssl.bundle.jks.test.keystore.password=" + SelfSignedCertificate.PASSWORD,
					"spring.ssl.bundle.jks.test.keystore.type=PKCS12" };
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Endpoints {

		@Bean
		CompressedEcho compressedEcho() {
			return new CompressedEcho();
		}

		@Bean
		PlainEcho plainEcho() {
			return new PlainEcho();
		}

	}

	@WsEndpoint("/compressed")
	static class CompressedEcho {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/plain", compression = false)
	static class PlainEcho {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
