package io.wsboot.endpoint.security;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handler method security and the security context around handler calls, on a real
 * server, with executor, event-loop and virtual-thread dispatch.
 */
class SecurityContextInvocationInterceptorTests {

	private static final TestTokens tokens = new TestTokens();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class,
				WsSecurityAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1")
		.withBean(JwtDecoder.class, tokens::decoder)
		.withBean(JwtAuthenticationConverter.class, TestTokens::authenticationConverter)
		.withBean(SecuredEndpoints.MethodSecuredEndpoint.class)
		.withBean(SecuredEndpoints.StrictMethodSecuredEndpoint.class);

	@ParameterizedTest
	@ValueSource(strings = { "executor", "event-loop" })
	void preAuthorizeOnOnMessageDeniesAUserAndAllowsAnAdmin(String dispatch) {
		checkMethodSecurity(this.contextRunner.withPropertyValues("wsboot.endpoint.dispatch=" + dispatch));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void preAuthorizeOnOnMessageDeniesAUserAndAllowsAnAdminOnVirtualThreads() {
		ApplicationContextRunner virtual = this.contextRunner.withPropertyValues("wsboot.endpoint.dispatch=executor",
				"spring.threads.virtual.enabled=true");
		virtual.run((context) -> assertThat(context.getBean("wsbootTaskExecutor"))
			.isInstanceOf(VirtualThreadTaskExecutor.class));
		checkMethodSecurity(virtual);
	}

	private void checkMethodSecurity(ApplicationContextRunner runner) {
		runner.run((context) -> {
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			try (WsTestClient ada = connect(port, "/method", tokens.token("ada", "ADMIN"));
					WsTestClient bob = connect(port, "/method", tokens.token("bob", "USER"))) {
				bob.sendText("drop tables");
				assertThat(bob.awaitText()).isEqualTo("denied bob");
				ada.sendText("drop tables");
				assertThat(ada.awaitText()).isEqualTo("ada: drop tables");
				// the expression sees the message; the denial left the session open
				bob.sendText("whoami");
				assertThat(bob.awaitText()).isEqualTo("bob: whoami");
			}
			try (WsTestClient ada = connect(port, "/method-strict", tokens.token("ada", "ADMIN"));
					WsTestClient bob = connect(port, "/method-strict", tokens.token("bob", "USER"))) {
				bob.sendText("hello");
				WsTestClient.Closed closed = bob.awaitClose();
				assertThat(closed.code()).isEqualTo(1008);
				assertThat(closed.reason()).isEqualTo("access denied");
				// other sessions are not affected
				ada.sendText("hello");
				assertThat(ada.awaitText()).isEqualTo("ok: hello");
			}
		});
	}

	@Test
	void noSecurityContextLeaksBetweenSessionsOnOneExecutorThread() {
		this.contextRunner.withPropertyValues("wsboot.endpoint.dispatch=executor", "wsboot.executor.threads=1")
			.run((context) -> {
				int port = context.getBean(WsServerLifecycle.class).getServer().port();
				try (WsTestClient ada = connect(port, "/method", tokens.token("ada", "ADMIN"));
						WsTestClient bob = connect(port, "/method", tokens.token("bob", "USER"));
						WsTestClient anonymous = connect(port, "/method", null)) {
					List<String> replies = new ArrayList<>();
					for (int i = 0; i < 20; i++) {
						// all three queued before any reply is read, so the one thread
						// interleaves the three sessions' calls
						ada.sendText("whoami");
						bob.sendText("whoami");
						anonymous.sendText("whoami");
						replies.add(ada.awaitText());
						replies.add(bob.awaitText());
						replies.add(anonymous.awaitText());
					}
					for (int i = 0; i < replies.size(); i += 3) {
						assertThat(replies.subList(i, i + 3)).containsExactly("ada: whoami", "bob: whoami",
								"none: whoami");
					}
				}
			});
	}

	private static WsTestClient connect(int port, String path, String token) {
		WsTestClient.Builder builder = WsTestClient.builder();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder.connect("ws://127.0.0.1:" + port + path);
	}

}
