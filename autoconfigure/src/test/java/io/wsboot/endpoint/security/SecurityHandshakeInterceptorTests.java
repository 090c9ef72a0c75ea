package io.wsboot.endpoint.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.UpgradeRequest;
import io.wsboot.test.WsTestClient;
import io.wsboot.test.WsTestClient.HandshakeRejectedException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authenticated upgrades on a real server with real signed JWTs, through the JDK's
 * {@code java.net.http} WebSocket client, and the raw bytes of every rejection read from
 * a plain socket.
 */
class SecurityHandshakeInterceptorTests {

	private static final TestTokens tokens = new TestTokens();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class,
				WsSecurityAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1")
		.withBean(JwtDecoder.class, tokens::decoder)
		.withBean(JwtAuthenticationConverter.class, TestTokens::authenticationConverter)
		.withBean(SecuredEndpoints.OpenEndpoint.class)
		.withBean(SecuredEndpoints.UserEndpoint.class)
		.withBean(SecuredEndpoints.RolesAllowedEndpoint.class)
		.withBean(SecuredEndpoints.SecuredEndpoint.class);

	@Test
	void validBearerHeaderUpgradesAndTheHandlerSeesThePrincipal() {
		run((port) -> {
			try (WsTestClient client = WsTestClient.builder()
				.header("Authorization", "Bearer " + tokens.token("ada", "USER"))
				.connect(uri(port, "/open"))) {
				client.sendText("who");
				assertThat(client.awaitText()).isEqualTo("ada|ada|ada|ada|ada");
			}
			try (WsTestClient client = WsTestClient.builder()
				.header("Authorization", "Bearer " + tokens.token("ada", "USER"))
				.connect(uri(port, "/user/lobby"))) {
				client.sendText("hi");
				assertThat(client.awaitText()).isEqualTo("ada: hi");
			}
		});
	}

	@Test
	void anonymousSessionsReachOpenEndpointsWithoutAPrincipal() {
		run((port) -> {
			try (WsTestClient client = WsTestClient.connect(uri(port, "/open"))) {
				client.sendText("who");
				assertThat(client.awaitText()).isEqualTo("none|none|none|none|none");
			}
		});
	}

	@Test
	void missingExpiredOrBadlySignedTokensAreRefusedWith401() {
		String expired = tokens.token("ada", Instant.now().minusSeconds(600), "USER");
		String forged = new TestTokens().token("ada", "ADMIN");
		run((port) -> {
			assertThat(status(port, "/user/lobby", null)).isEqualTo(401);
			assertThat(status(port, "/user/lobby", expired)).isEqualTo(401);
			assertThat(status(port, "/user/lobby", forged)).isEqualTo(401);
			assertThat(status(port, "/user/lobby", "not-a-jwt")).isEqualTo(401);
			// an invalid token is refused even where anonymous sessions are allowed
			assertThat(status(port, "/open", forged)).isEqualTo(401);
		});
	}

	@Test
	void validTokenWithoutTheRoleIsRefusedWith403() {
		String user = tokens.token("bob", "USER");
		String admin = tokens.token("ada", "ADMIN");
		run((port) -> {
			assertThat(status(port, "/admin", user)).isEqualTo(403);
			assertThat(status(port, "/secured", user)).isEqualTo(403);
			assertThat(status(port, "/admin", null)).isEqualTo(401);
			assertThat(status(port, "/admin", admin)).isEqualTo(101);
			assertThat(status(port, "/secured", admin)).isEqualTo(101);
		});
	}

	@Test
	void preAuthorizeExpressionsSeeThePathVariables() {
		String user = tokens.token("bob", "USER");
		run((port) -> {
			assertThat(status(port, "/user/lobby", user)).isEqualTo(101);
			assertThat(status(port, "/user/closed", user)).isEqualTo(403);
		});
	}

	@Test
	void subprotocolTokenAuthenticatesAndOnlyTheApplicationSubprotocolIsSelected() {
		String token = tokens.token("ada", "USER");
		run((port) -> {
			try (WsTestClient client = WsTestClient.builder()
				.subprotocols("wsboot.bearer." + token, "chat")
				.connect(uri(port, "/open"))) {
				assertThat(client.subprotocol()).isEqualTo("chat");
				client.sendText("who");
				assertThat(client.awaitText()).isEqualTo("ada|ada|ada|ada|ada");
			}
			try (RawWsClient raw = RawWsClient.connect(port)) {
				HttpResponseHead head = raw.upgrade(UpgradeRequest.get("/open")
					.header("Sec-WebSocket-Protocol", "wsboot.bearer." + token + ", chat"));
				assertThat(head.header("Sec-WebSocket-Protocol")).isEqualTo("chat");
				assertThat(new String(head.raw(), StandardCharsets.ISO_8859_1)).doesNotContain(token)
					.doesNotContain("wsboot.bearer");
			}
		});
	}

	@Test
	void rawBytesOfEveryRejectionContainNoToken() {
		String expired = tokens.token("ada", Instant.now().minusSeconds(600), "USER");
		String forged = new TestTokens().token("ada", "ADMIN");
		String user = tokens.token("bob", "USER");
		run((port) -> {
			for (String token : new String[] { expired, forged, user }) {
				for (boolean header : new boolean[] { true, false }) {
					UpgradeRequest request = UpgradeRequest.get("/admin");
					if (header) {
						request.header("Authorization", "Bearer " + token);
					}
					else {
						request.header("Sec-WebSocket-Protocol", "wsboot.bearer." + token + ", chat");
					}
					String response = rawResponse(port, request);
					assertThat(response).startsWith((token == user) ? "HTTP/1.1 403" : "HTTP/1.1 401");
					assertThat(response).contains("WWW-Authenticate: Bearer");
					assertThat(response).doesNotContain(token);
					for (String part : token.split("\\.")) {
						assertThat(response).doesNotContain(part);
					}
				}
			}
			String missing = rawResponse(port, UpgradeRequest.get("/admin"));
			assertThat(missing).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Bearer\r\n");
		});
	}

	@Test
	void queryParameterIsIgnoredByDefault() {
		String token = tokens.token("ada", "USER");
		run((port) -> assertThat(status(port, "/user/lobby?access_token=" + token, null)).isEqualTo(401));
	}

	@Test
	void queryParameterAuthenticatesWhenEnabled() {
		String token = tokens.token("ada", "USER");
		this.contextRunner.withPropertyValues("wsboot.security.bearer.query-parameter=true")
			.run(server((port) -> assertThat(status(port, "/user/lobby?access_token=" + token, null)).isEqualTo(101)));
	}

	@Test
	void headerCanBeSwitchedOff() {
		String token = tokens.token("ada", "USER");
		this.contextRunner.withPropertyValues("wsboot.security.bearer.header=false")
			.run(server((port) -> assertThat(status(port, "/user/lobby", token)).isEqualTo(401)));
	}

	@Test
	void anAuthenticationConverterBeanReplacesTheBuiltInExtraction() {
		String token = tokens.token("ada", "USER");
		this.contextRunner.withBean(WsAuthenticationConverter.class, () -> (
				handshake) -> new org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken(
						token))
			.run(server((port) -> assertThat(status(port, "/user/lobby", null)).isEqualTo(101)));
	}

	@Nested
	class PathRules {

		@Test
		void aRuleBeanAuthorizesByPath() {
			String user = tokens.token("bob", "USER");
			String admin = tokens.token("ada", "ADMIN");
			SecurityHandshakeInterceptorTests.this.contextRunner
				.withBean(WsAuthorizationRules.class,
						() -> WsAuthorizationRules.builder()
							.path("/open")
							.hasRole("ADMIN")
							.path("/user/*")
							.permitAll()
							.build())
				.run(server((port) -> {
					assertThat(status(port, "/open", null)).isEqualTo(401);
					assertThat(status(port, "/open", user)).isEqualTo(403);
					assertThat(status(port, "/open", admin)).isEqualTo(101);
					// the rule lets anyone in, the endpoint's annotation still requires a
					// user
					assertThat(status(port, "/user/lobby", null)).isEqualTo(401);
					assertThat(status(port, "/user/lobby", user)).isEqualTo(101);
				}));
		}

	}

	private void run(PortConsumer test) {
		this.contextRunner.run(server(test));
	}

	private static org.springframework.boot.test.context.runner.ContextConsumer<AssertableApplicationContext> server(
			PortConsumer test) {
		return (context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context.getBean(WsServerLifecycle.class).getServer().port());
		};
	}

	private static String uri(int port, String path) {
		return "ws://127.0.0.1:" + port + path;
	}

	/**
	 * The status the JDK client sees: 101 when it connects, or the error status.
	 */
	private static int status(int port, String path, String token) {
		WsTestClient.Builder builder = WsTestClient.builder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		try (WsTestClient client = builder.connect(uri(port, path))) {
			return 101;
		}
		catch (HandshakeRejectedException ex) {
			return ex.status();
		}
	}

	private static String rawResponse(int port, UpgradeRequest request) throws IOException {
		try (RawWsClient raw = RawWsClient.connect(port)) {
			HttpResponseHead head = raw.handshake(request);
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			all.write(head.raw());
			all.write(raw.readUntilTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT));
			return all.toString(StandardCharsets.ISO_8859_1);
		}
	}

	@FunctionalInterface
	interface PortConsumer {

		void accept(int port) throws Exception;

	}

}
