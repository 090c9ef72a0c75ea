package io.wsboot.endpoint.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions closed when their token expires, on a real server with real JWTs.
 */
class TokenExpiryListenerTests {

	private static final TestTokens tokens = new TestTokens();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class,
				WsSecurityAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1")
		.withBean(JwtDecoder.class, tokens::decoder)
		.withBean(JwtAuthenticationConverter.class, TestTokens::authenticationConverter)
		.withBean(SecuredEndpoints.UserEndpoint.class);

	@Test
	void aTokenThatExpiresThreeSecondsAfterConnectClosesItsSessionAtThreeSeconds() {
		String lasting = tokens.token("bob", "USER");
		this.contextRunner.run((context) -> {
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			try (WsTestClient other = connect(port, lasting)) {
				// a JWT's exp has whole seconds: the connect is timed against it
				Instant expiresAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
				String expiring = tokens.token("ada", expiresAt, "USER");
				Instant connecting = Instant.now();
				try (WsTestClient client = connect(port, expiring)) {
					Instant connected = Instant.now();
					Duration lifetime = Duration.between(connecting, expiresAt);
					assertThat(lifetime).isBetween(Duration.ofMillis(2500), Duration.ofMillis(4100));
					client.sendText("still here");
					assertThat(client.awaitText()).isEqualTo("ada: still here");
					WsTestClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
					Duration late = Duration.between(expiresAt, Instant.now());
					assertThat(closed.code()).isEqualTo(1008);
					assertThat(closed.reason()).isEqualTo("token expired");
					assertThat(late.abs()).isLessThan(Duration.ofMillis(500));
					assertThat(Duration.between(connected, Instant.now())).isBetween(lifetime.minusMillis(500),
							lifetime.plusMillis(500));
				}
				other.sendText("still open");
				assertThat(other.awaitText()).isEqualTo("bob: still open");
				assertThat(context.getBean(TokenExpiryListener.class).pendingExpiries()).isEqualTo(1);
			}
		});
	}

	@Test
	void aGracePeriodKeepsTheSessionOpenLonger() {
		this.contextRunner.withPropertyValues("wsboot.security.expiry-grace-period=1500ms").run((context) -> {
			Instant expiresAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
			String expiring = tokens.token("ada", expiresAt, "USER");
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			try (WsTestClient client = connect(port, expiring)) {
				WsTestClient.Closed closed = client.awaitClose(Duration.ofSeconds(10));
				assertThat(closed.code()).isEqualTo(1008);
				assertThat(Duration.between(expiresAt, Instant.now())).isGreaterThan(Duration.ofMillis(1400));
			}
		});
	}

	private static WsTestClient connect(int port, String token) {
		return WsTestClient.builder()
			.header("Authorization", "Bearer " + token)
			.connect("ws://127.0.0.1:" + port + "/user/lobby");
	}

}
