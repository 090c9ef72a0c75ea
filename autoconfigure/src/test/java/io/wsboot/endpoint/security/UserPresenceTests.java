package io.wsboot.endpoint.security;

import java.util.Map;

import io.wsboot.actuate.endpoint.WsbootEndpoint;
import io.wsboot.actuate.endpoint.WsbootEndpointAutoConfiguration;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.metrics.WsMetricsAutoConfiguration;
import io.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The presence per user in {@code /actuator/wsboot}: open sessions by principal name.
 */
class UserPresenceTests {

	private static final TestTokens tokens = new TestTokens();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class,
				WsMetricsAutoConfiguration.class, WsbootEndpointAutoConfiguration.class,
				WsSecurityAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=wsboot")
		.withBean(JwtDecoder.class, tokens::decoder)
		.withBean(SecuredEndpoints.OpenEndpoint.class);

	@Test
	void actuatorEndpointCountsTheSessionsOfEachUser() {
		this.contextRunner.run((context) -> {
			String uri = "ws://127.0.0.1:" + context.getBean(WsServerLifecycle.class).getServer().port() + "/open";
			WsbootEndpoint endpoint = context.getBean(WsbootEndpoint.class);
			try (WsTestClient ada1 = connect(uri, "ada");
					WsTestClient ada2 = connect(uri, "ada");
					WsTestClient bob = connect(uri, "bob");
					WsTestClient anonymous = WsTestClient.connect(uri)) {
				assertThat(endpoint.wsboot(null, null).users()).isEqualTo(Map.of("ada", 2, "bob", 1));
				bob.close();
				await()
					.untilAsserted(() -> assertThat(endpoint.wsboot(null, null).users()).isEqualTo(Map.of("ada", 2)));
			}
		});
	}

	private static WsTestClient connect(String uri, String user) {
		return WsTestClient.builder().header("Authorization", "Bearer " + tokens.token(user)).connect(uri);
	}

}
