package io.wsboot.autoconfigure.observation;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.endpoint.annotation.EndpointInvocationInterceptor;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.UpgradeRequest;
import io.wsboot.observation.DefaultHandshakeObservationConvention;
import io.wsboot.observation.HandshakeObservationContext;
import io.wsboot.observation.HandshakeObservationConvention;
import io.wsboot.observation.HandshakeObservationListener;
import io.wsboot.observation.MessageObservationInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsObservationAutoConfiguration}.
 *
 * @author wsboot
 */
class WsObservationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsObservationAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1");

	@Test
	void observationsBackOffWithoutObservationRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(HandshakeObservationListener.class)
			.doesNotHaveBean(MessageObservationInterceptor.class));
	}

	@Test
	void observationsBackOffWithoutMicrometerObservation() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HandshakeObservationListener.class)
				.doesNotHaveBean(MessageObservationInterceptor.class));
	}

	@Test
	void observationsWithARegistryAreOutermost() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(HandshakeObservationListener.class)
				.hasSingleBean(MessageObservationInterceptor.class);
			assertThat(context.getBean(EndpointInvocationInterceptor.class)).isInstanceOfSatisfying(
					MessageObservationInterceptor.class,
					(interceptor) -> assertThat(interceptor.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 100));
		});
	}

	@Test
	void messageObservationsCanBeTurnedOff() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class, RoomsConfiguration.class)
			.withPropertyValues("wsboot.observations.messages.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(HandshakeObservationListener.class)
					.doesNotHaveBean(MessageObservationInterceptor.class);
				exchange(context, List.of("/rooms/lobby"));
				SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
				assertThat(meters.find("wsboot.handshake").timer()).isNotNull();
				assertThat(meters.find("wsboot.message.handling").timer()).isNull();
			});
	}

	@Test
	void handshakeObservationsCanBeTurnedOff() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("wsboot.observations.handshakes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HandshakeObservationListener.class)
				.hasSingleBean(MessageObservationInterceptor.class));
	}

	@Test
	void aConventionBeanReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class, RoomsConfiguration.class)
			.withBean(HandshakeObservationConvention.class, CustomHandshakeConvention::new)
			.run((context) -> {
				exchange(context, List.of("/rooms/lobby"));
				SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
				assertThat(meters.find("custom.handshake").tag("tenant", "acme").timer()).isNotNull();
				assertThat(meters.find("wsboot.handshake").timer()).isNull();
			});
	}

	@Test
	void thousandPathValuesGiveOneEndpointTagValue() {
		this.contextRunner.withUserConfiguration(RegistryConfiguration.class, RoomsConfiguration.class)
			.run((context) -> {
				List<String> paths = new java.util.ArrayList<>();
				for (int i = 0; i < 1000; i++) {
					paths.add("/rooms/room-" + i);
				}
				exchange(context, paths);
				int port = port(context);
				for (int i = 0; i < 20; i++) {
					try (RawWsClient client = RawWsClient.connect(port)) {
						assertThat(client
							.handshake(UpgradeRequest.get("/nowhere/" + i)
								.header("Sec-WebSocket-Key", RawWsClient.randomKey()))
							.status()).isEqualTo(404);
					}
				}
				SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);
				assertThat(tagValues(meters, "wsboot.handshake", "endpoint")).containsExactly("/rooms/{room}", "none");
				assertThat(meters.get("wsboot.handshake").tag("outcome", "accepted").timer().count()).isEqualTo(1000);
				assertThat(meters.get("wsboot.handshake").tag("reason", "not-found").timer().count()).isEqualTo(20);
				assertThat(tagValues(meters, "wsboot.message.handling", "endpoint")).containsExactly("/rooms/{room}");
				assertThat(meters.get("wsboot.message.handling").timer().count()).isEqualTo(1000);
				assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
					.noneMatch((tag) -> tag.getValue().contains("room-")));
			});
	}

	private static Set<String> tagValues(SimpleMeterRegistry meters, String name, String key) {
		Set<String> values = new TreeSet<>();
		for (Meter meter : meters.find(name).meters()) {
			values.add(meter.getId().getTag(key));
		}
		return values;
	}

	private static int port(AssertableApplicationContext context) {
		return context.getBean(WsServerLifecycle.class).getServer().port();
	}

	private static void exchange(AssertableApplicationContext context, List<String> paths) throws IOException {
		int port = port(context);
		for (String path : paths) {
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.upgrade(UpgradeRequest.get(path));
				client.send(ClientFrames.text("hi"));
				assertThat(client.readFrame().text()).isEqualTo("hi");
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(SimpleMeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoomsConfiguration {

		@Bean
		RoomEndpoint roomEndpoint() {
			return new RoomEndpoint();
		}

	}

	@WsEndpoint(path = "/rooms/{room}", dispatch = io.wsboot.endpoint.annotation.Dispatch.EVENT_LOOP)
	static class RoomEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	static class CustomHandshakeConvention implements HandshakeObservationConvention {

		private final DefaultHandshakeObservationConvention delegate = new DefaultHandshakeObservationConvention(
				"custom.handshake");

		@Override
		public String getName() {
			return this.delegate.getName();
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(HandshakeObservationContext context) {
			return this.delegate.getLowCardinalityKeyValues(context).and("tenant", "acme");
		}

	}

}
