package io.wsboot.autoconfigure.security;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.annotation.WsEndpointRegistrar;
import io.wsboot.endpoint.security.BearerTokenWsAuthenticationConverter;
import io.wsboot.endpoint.security.SecurityContextInvocationInterceptor;
import io.wsboot.endpoint.security.SecurityHandshakeInterceptor;
import io.wsboot.endpoint.security.TokenExpiryListener;
import io.wsboot.endpoint.security.WsAuthenticationConverter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsSecurityAutoConfiguration}.
 */
class WsSecurityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class,
				WsSecurityAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void configuresTheIntegrationWhenSpringSecurityIsPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SecurityHandshakeInterceptor.class)
				.hasSingleBean(SecurityContextInvocationInterceptor.class)
				.hasSingleBean(TokenExpiryListener.class)
				.hasSingleBean(WsAuthenticationConverter.class);
			assertThat(context.getBean(WsAuthenticationConverter.class))
				.isInstanceOf(BearerTokenWsAuthenticationConverter.class);
		});
	}

	@Test
	void nothingIsConfiguredWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.withBean(PlainEndpoint.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SecurityHandshakeInterceptor.class)
					.doesNotHaveBean(SecurityContextInvocationInterceptor.class)
					.doesNotHaveBean(TokenExpiryListener.class)
					.doesNotHaveBean(WsSecurityProperties.class);
				assertThat(context.getBean(WsEndpointRegistrar.class).getEndpoints()).hasSize(1);
			});
	}

	@Test
	void theBearerConverterBacksOffWithoutTheResourceServer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationToken.class))
			.run((context) -> assertThat(context).hasSingleBean(SecurityHandshakeInterceptor.class)
				.doesNotHaveBean(WsAuthenticationConverter.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("wsboot.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SecurityHandshakeInterceptor.class));
	}

	@Test
	void userDefinedConverterReplacesTheBuiltInOne() {
		WsAuthenticationConverter custom = (handshake) -> null;
		this.contextRunner.withBean(WsAuthenticationConverter.class, () -> custom)
			.run((context) -> assertThat(context.getBean(WsAuthenticationConverter.class)).isSameAs(custom));
	}

	@Test
	void anEndpointThatDeclaresATokenSubprotocolFailsStartup() {
		this.contextRunner.withBean(TokenSubprotocolEndpoint.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("wsboot.bearer.");
		});
	}

	@Test
	void negativeGracePeriodFailsStartup() {
		this.contextRunner.withPropertyValues("wsboot.security.expiry-grace-period=-1s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@WsEndpoint("/plain")
	static class PlainEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/token", subprotocols = "wsboot.bearer.x")
	static class TokenSubprotocolEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
