package io.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.wsboot.endpoint.annotation.InvalidEndpointException;
import io.wsboot.endpoint.annotation.OnClose;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.annotation.WsEndpointRegistrar;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.broadcast.LocalBroadcastFanOut;
import io.wsboot.endpoint.codec.JacksonJsonCodec;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.endpoint.session.WsSessions;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.OriginPolicy;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.SlowConsumerPolicy;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsAutoConfiguration}.
 */
class WsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	private final ApplicationContextRunner startingRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1");

	@Nested
	@DisplayName("defaults and properties")
	class Properties {

		@Test
		void createsEveryBeanWithTheEngineDefaults() {
			contextRunner.run((context) -> {
				assertThat(context).hasSingleBean(WsServerLifecycle.class)
					.hasSingleBean(WsEndpointRegistrar.class)
					.hasSingleBean(SessionRegistry.class)
					.hasSingleBean(WsSessions.class)
					.hasSingleBean(JacksonJsonCodec.class);
				assertThat(context).getBean(BroadcastFanOut.class).isInstanceOf(LocalBroadcastFanOut.class);
				ServerConfig config = context.getBean(ServerConfig.class);
				assertThat(config.port()).isEqualTo(8090);
				assertThat(config.address()).isNull();
				assertThat(config.eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
				assertThat(config.limits()).isEqualTo(WsLimits.DEFAULTS);
				assertThat(config.originPolicy()).isEqualTo(OriginPolicy.ALLOW_ALL);
				assertThat(config.maxConnections()).isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS);
				assertThat(config.maxConnectionsPerAddress())
					.isEqualTo(ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
				assertThat(config.shutdownTimeout()).isEqualTo(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT);
				assertThat(context.getBean("wsbootTaskExecutor")).isInstanceOfSatisfying(ThreadPoolExecutor.class,
						(executor) -> assertThat(executor.getCorePoolSize()).isEqualTo(8));
				assertThat(context.getBean(WsServerLifecycle.class).isRunning()).isFalse();
			});
		}

		@Test
		void bindsEveryProperty() {
			contextRunner
				.withPropertyValues("wsboot.server.port=9191", "wsboot.server.address=127.0.0.1",
						"wsboot.server.event-loops=3", "wsboot.server.max-connections=500",
						"wsboot.server.max-connections-per-address=50", "wsboot.server.shutdown-timeout=3s",
						"wsboot.server.allowed-origins=https://a.example,https://*.b.example",
						"wsboot.server.allow-missing-origin=false", "wsboot.limits.max-frame-payload-size=64KB",
						"wsboot.limits.max-message-size=2MB", "wsboot.limits.max-handshake-head-size=16KB",
						"wsboot.limits.max-outbound-queue-size=8MB", "wsboot.limits.slow-consumer-policy=drop-oldest",
						"wsboot.limits.handshake-timeout=2s", "wsboot.limits.idle-timeout=1m",
						"wsboot.limits.close-timeout=1s", "wsboot.limits.ping-interval=20s",
						"wsboot.executor.threads=3", "wsboot.executor.thread-name-prefix=ws-")
				.run((context) -> {
					ServerConfig config = context.getBean(ServerConfig.class);
					assertThat(config.port()).isEqualTo(9191);
					assertThat(config.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
					assertThat(config.eventLoops()).isEqualTo(3);
					assertThat(config.maxConnections()).isEqualTo(500);
					assertThat(config.maxConnectionsPerAddress()).isEqualTo(50);
					assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
					assertThat(config.originPolicy())
						.isEqualTo(new OriginPolicy(List.of("https://a.example", "https://*.b.example"), false));
					assertThat(config.limits()).isEqualTo(WsLimits.builder()
						.maxFramePayloadBytes(64 * 1024)
						.maxMessageBytes(2 * 1024 * 1024)
						.maxHandshakeHeadBytes(16 * 1024)
						.maxOutboundQueueBytes(8 * 1024 * 1024)
						.slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST)
						.handshakeTimeout(Duration.ofSeconds(2))
						.idleTimeout(Duration.ofMinutes(1))
						.closeTimeout(Duration.ofSeconds(1))
						.pingInterval(Duration.ofSeconds(20))
						.build());
					ThreadPoolExecutor executor = context.getBean("wsbootTaskExecutor", ThreadPoolExecutor.class);
					assertThat(executor.getCorePoolSize()).isEqualTo(3);
					assertThat(executor.getThreadFactory().newThread(() -> {
					}).getName()).startsWith("ws-");
				});
		}

		@ParameterizedTest(name = "{0}={1}")
		@CsvSource(delimiter = '|',
				textBlock = """
						wsboot.server.port                         | 70000 | server.port         | must be between 0 and 65535
						wsboot.server.port                         | -1    | server.port         | must be between 0 and 65535
						wsboot.server.event-loops                  | 0     | server.eventLoops   | must be at least 1
						wsboot.server.max-connections              | 0     | server.maxConnections | must be at least 1
						wsboot.server.max-connections-per-address  | 0     | server.maxConnectionsPerAddress | must be at least 1
						wsboot.server.shutdown-timeout             | -1s   | server.shutdownTimeout | must not be negative
						wsboot.limits.max-frame-payload-size       | 0B    | limits.maxFramePayloadSize | must be positive
						wsboot.limits.max-message-size             | 0B    | limits.maxMessageSize | must be positive
						wsboot.limits.max-message-size             | 4GB   | limits.maxMessageSize | must be at most 2147483639
						wsboot.limits.max-handshake-head-size      | 0B    | limits.maxHandshakeHeadSize | must be positive
						wsboot.limits.max-handshake-head-size      | 3GB   | limits.maxHandshakeHeadSize | must be at most 2147483647B
						wsboot.limits.max-outbound-queue-size      | -1B   | limits.maxOutboundQueueSize | must be positive
						wsboot.limits.handshake-timeout            | 0s    | limits.handshakeTimeout | must be positive
						wsboot.limits.idle-timeout                 | -5s   | limits.idleTimeout  | must not be negative
						wsboot.limits.close-timeout                | 0s    | limits.closeTimeout | must be positive
						wsboot.limits.ping-interval                | -1s   | limits.pingInterval | must not be negative
						wsboot.compression.threshold               | -1B   | compression.threshold | must not be negative
						wsboot.compression.threshold               | 3GB   | compression.threshold | must be at most 2147483647B
						wsboot.compression.level                   | 0     | compression.level   | must be between 1 and 9
						wsboot.compression.level                   | 10    | compression.level   | must be between 1 and 9
						wsboot.executor.threads                    | 0     | executor.threads    | must be at least 1
						wsboot.endpoint.dispatch                   | default | endpoint.dispatch | must be executor or event-loop
						""")
		void badValueFailsStartupNamingTheProperty(String property, String value, String field, String message) {
			contextRunner.withPropertyValues(property + "=" + value).run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).hasRootCauseInstanceOf(BindValidationException.class);
				assertThat(failure).hasStackTraceContaining("Failed to bind properties under 'wsboot'");
				assertThat(rootCause(failure)).hasMessageContaining("on field '" + field + "'")
					.hasMessageContaining(message);
			});
		}

		@Test
		void blankOriginFailsStartup() {
			contextRunner.withPropertyValues("wsboot.server.allowed-origins[0]= ").run((context) -> {
				assertThat(context).hasFailed();
				assertThat(rootCause(context.getStartupFailure())).isInstanceOf(BindValidationException.class)
					.hasMessageContaining("server.allowedOrigins")
					.hasMessageContaining("must not be blank");
			});
		}

		@Test
		void unparseableValueFailsStartupNamingTheProperty() {
			contextRunner.withPropertyValues("wsboot.limits.max-message-size=lots").run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Failed to bind properties under 'wsboot.limits.max-message-size'")
					.hasStackTraceContaining("'lots' is not a valid data size");
			});
		}

		@Test
		void disabledCreatesNothing() {
			contextRunner.withPropertyValues("wsboot.enabled=false").run((context) -> {
				assertThat(context).doesNotHaveBean(WsServerLifecycle.class)
					.doesNotHaveBean(WsSessions.class)
					.doesNotHaveBean(ServerConfig.class)
					.doesNotHaveBean(WsProperties.class)
					.doesNotHaveBean("wsbootTaskExecutor");
			});
		}

	}

	@Nested
	@DisplayName("user beans and customizers")
	class UserBeans {

		@Test
		void userBeansReplaceOurs() {
			contextRunner.withUserConfiguration(UserBeansConfig.class).run((context) -> {
				assertThat(context).getBean(BroadcastFanOut.class).isSameAs(UserBeansConfig.FAN_OUT);
				assertThat(context).getBean(JsonCodec.class).isSameAs(UserBeansConfig.CODEC);
				assertThat(context.getBean("wsbootTaskExecutor")).isSameAs(UserBeansConfig.EXECUTOR);
				assertThat(context).getBean(ServerConfig.class).extracting(ServerConfig::port).isEqualTo(4711);
				assertThat(context).hasSingleBean(WsSessions.class);
			});
		}

		@Test
		void serverBacksOffWhenUserDefinesALifecycle() {
			contextRunner
				.withBean("myLifecycle", WsServerLifecycle.class, () -> new WsServerLifecycle(ServerConfig.defaults(),
						List::of, null, new org.springframework.core.env.StandardEnvironment(), (event) -> {
						}, false))
				.run((context) -> assertThat(context).hasSingleBean(WsServerLifecycle.class)
					.hasBean("myLifecycle")
					.doesNotHaveBean("wsServerLifecycle"));
		}

		@Test
		void handlerExecutorDoesNotReplaceTheApplicationTaskExecutor() {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(WsAutoConfiguration.class, TaskExecutionAutoConfiguration.class))
				.withPropertyValues("wsboot.server.auto-startup=false")
				.run((context) -> assertThat(context).hasBean("applicationTaskExecutor").hasBean("wsbootTaskExecutor"));
		}

		@Test
		void customizersAreAppliedInOrder() {
			contextRunner.withUserConfiguration(CustomizerConfig.class)
				.run((context) -> assertThat(context.getBean(ServerConfig.class).eventLoops()).isEqualTo(7));
		}

		@Test
		void jsonCodecBacksOffWithoutJackson() {
			contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JsonCodec.class));
		}

		@Test
		void pojoPayloadWithoutJacksonFailsStartup() {
			contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
				.withBean("pojoEndpoint", PojoEndpoint.class)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(rootCause(context.getStartupFailure())).isInstanceOf(InvalidEndpointException.class)
						.hasMessageContaining("'pojoEndpoint'")
						.hasMessageContaining("PojoEndpoint.message(Payload)")
						.hasMessageContaining("no JsonCodec bean");
				});
		}

		@Test
		@EnabledForJreRange(min = JRE.JAVA_21)
		void handlersRunOnVirtualThreadsWhenEnabled() {
			contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
				.run((context) -> assertThat(context.getBean("wsbootTaskExecutor"))
					.isInstanceOf(VirtualThreadTaskExecutor.class));
		}

		@Test
		@EnabledForJreRange(max = JRE.JAVA_20)
		void virtualThreadPropertyIsIgnoredBeforeJava21() {
			contextRunner.withPropertyValues("spring.threads.virtual.enabled=true")
				.run((context) -> assertThat(context.getBean("wsbootTaskExecutor"))
					.isInstanceOf(ThreadPoolExecutor.class));
		}

	}

	@Nested
	@DisplayName("per-endpoint overrides")
	class EndpointOverrides {

		@Test
		void annotationOverridesTheGlobalLimits() {
			contextRunner.withPropertyValues("big.size=16MB")
				.withBean("bigEndpoint", BigEndpoint.class)
				.run((context) -> {
					Endpoint endpoint = context.getBean(WsEndpointRegistrar.class).getEndpoints().get(0);
					assertThat(endpoint.pathTemplate()).isEqualTo("/big");
					assertThat(endpoint.subprotocols()).containsExactly("v2", "v1");
					assertThat(endpoint.limits()).isEqualTo(WsLimits.builder()
						.maxFramePayloadBytes(16 * 1024 * 1024)
						.maxMessageBytes(16 * 1024 * 1024)
						.maxOutboundQueueBytes(32 * 1024 * 1024)
						.slowConsumerPolicy(SlowConsumerPolicy.DROP_NEWEST)
						.idleTimeout(Duration.ofSeconds(30))
						.build());
				});
		}

		@Test
		void endpointWithoutOverridesUsesTheProperties() {
			contextRunner.withPropertyValues("wsboot.limits.max-message-size=2MB")
				.withBean("pojoEndpoint", PojoEndpoint.class)
				.run((context) -> assertThat(
						context.getBean(WsEndpointRegistrar.class).getEndpoints().get(0).limits().maxMessageBytes())
					.isEqualTo(2 * 1024 * 1024));
		}

	}

	@Nested
	@DisplayName("lifecycle")
	class Lifecycle {

		@Test
		void startsOnAFreePortAndPublishesIt() {
			startingRunner.withBean("pojoEndpoint", PojoEndpoint.class).run((context) -> {
				WsServerLifecycle lifecycle = context.getBean(WsServerLifecycle.class);
				assertThat(lifecycle.isRunning()).isTrue();
				int port = lifecycle.getServer().port();
				assertThat(port).isPositive();
				assertThat(context.getEnvironment().getProperty("local.wsboot.port", Integer.class)).isEqualTo(port);
				try (WsTestClient client = WsTestClient.connect("ws://127.0.0.1:" + port + "/pojo")) {
					client.sendText("{\"text\":\"hi\"}");
					assertThat(client.awaitText()).isEqualTo("{\"text\":\"hi!\"}");
				}
			});
		}

		@Test
		void listenerBeansObserveSessions() {
			assertListenerObservesASession(startingRunner);
		}

		@Test
		void listenerBeansObserveSessionsOfAUserDefinedServerConfig() {
			assertListenerObservesASession(startingRunner.withBean(ServerConfig.class,
					() -> ServerConfig.defaults().withBinding(InetAddress.getLoopbackAddress(), 0)));
		}

		private void assertListenerObservesASession(ApplicationContextRunner runner) {
			runner.withBean("pojoEndpoint", PojoEndpoint.class)
				.withUserConfiguration(ListenerConfig.class)
				.run((context) -> {
					int port = context.getBean(WsServerLifecycle.class).getServer().port();
					try (WsTestClient client = WsTestClient.connect("ws://127.0.0.1:" + port + "/pojo")) {
						assertThat(ListenerConfig.OPENED.poll(5, TimeUnit.SECONDS)).isEqualTo("/pojo");
					}
				});
		}

		@Test
		void stopClosesSessionsWith1001AfterRunningOnClose() throws InterruptedException {
			BlockingQueue<String> closes = new LinkedBlockingQueue<>();
			WsTestClient[] client = new WsTestClient[1];
			startingRunner.withBean("closingEndpoint", ClosingEndpoint.class, () -> new ClosingEndpoint(closes))
				.run((context) -> {
					int port = context.getBean(WsServerLifecycle.class).getServer().port();
					client[0] = WsTestClient.connect("ws://127.0.0.1:" + port + "/closing");
					client[0].sendText("last words");
					assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("message last words");
				});
			// the context is closed now: the server stopped gracefully
			assertThat(client[0].awaitClose().code()).isEqualTo(1001);
			assertThat(closes.poll(0, TimeUnit.SECONDS)).isEqualTo("close 1001");
			client[0].close();
		}

	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	record Payload(String text) {
	}

	@WsEndpoint("/pojo")
	static class PojoEndpoint {

		@OnMessage
		Payload message(Payload payload) {
			return new Payload(payload.text() + "!");
		}

	}

	@WsEndpoint(path = "/big", subprotocols = { "v2", "v1" }, maxFramePayloadSize = "${big.size}",
			maxMessageSize = "16MB", maxOutboundQueueSize = "32MB", slowConsumerPolicy = "drop-newest",
			idleTimeout = "30s")
	static class BigEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/closing")
	static class ClosingEndpoint {

		private final BlockingQueue<String> closes;

		ClosingEndpoint(BlockingQueue<String> closes) {
			this.closes = closes;
		}

		@OnMessage
		void message(String text) {
			this.closes.add("message " + text);
		}

		@OnClose
		void close(CloseStatus status) {
			this.closes.add("close " + status.code());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfig {

		static final BroadcastFanOut FAN_OUT = (broadcast) -> CompletableFuture.completedFuture(null);

		static final JsonCodec CODEC = new JacksonJsonCodec(new JsonMapper());

		static final ThreadPoolExecutor EXECUTOR = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>());

		@Bean
		BroadcastFanOut myFanOut() {
			return FAN_OUT;
		}

		@Bean
		JsonCodec myCodec() {
			return CODEC;
		}

		@Bean
		ThreadPoolExecutor wsbootTaskExecutor() {
			return EXECUTOR;
		}

		@Bean
		ServerConfig myServerConfig() {
			return ServerConfig.builder().port(4711).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfig {

		@Bean
		@Order(2)
		WsServerCustomizer second() {
			return (config) -> config.withEventLoops(config.eventLoops() + 4);
		}

		@Bean
		@Order(1)
		WsServerCustomizer first() {
			return (config) -> config.withEventLoops(3);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfig {

		static final BlockingQueue<String> OPENED = new LinkedBlockingQueue<>();

		@Bean
		WsServerListener recordingListener() {
			return new WsServerListener() {

				@Override
				public void sessionOpened(WsSession session) {
					OPENED.add(session.pathTemplate());
				}

			};
		}

		@Bean
		WsServerListener failingListener() {
			return new WsServerListener() {

				@Override
				public void sessionOpened(WsSession session) {
					throw new IllegalStateException("a broken listener must not affect the others");
				}

			};
		}

	}

}
