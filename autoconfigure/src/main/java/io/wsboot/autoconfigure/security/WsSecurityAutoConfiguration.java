package io.wsboot.autoconfigure.security;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.endpoint.security.BearerTokenWsAuthenticationConverter;
import io.wsboot.endpoint.security.SecurityContextInvocationInterceptor;
import io.wsboot.endpoint.security.SecurityHandshakeInterceptor;
import io.wsboot.endpoint.security.TokenExpiryListener;
import io.wsboot.endpoint.security.WsAuthenticationConverter;
import io.wsboot.endpoint.security.WsAuthorizationRules;
import io.wsboot.endpoint.session.SessionRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of Spring Security on the WebSocket port, when Spring Security is on
 * the classpath: upgrades are authenticated with the application's {@link JwtDecoder},
 * {@link OpaqueTokenIntrospector} or {@link AuthenticationManager} (in that order) and
 * authorized before the 101, handler calls run with the session's security context, and
 * sessions are closed when their token expires.
 *
 * @author wsboot
 */
@AutoConfiguration(after = WsAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration" })
@ConditionalOnClass({ SecurityContextHolder.class, AuthenticationManager.class })
@ConditionalOnBooleanProperty(name = "wsboot.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "wsboot.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WsSecurityProperties.class)
public final class WsSecurityAutoConfiguration {

	private static final boolean RESOURCE_SERVER_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken",
			WsSecurityAutoConfiguration.class.getClassLoader());

	private static final boolean JWT_PRESENT = RESOURCE_SERVER_PRESENT && ClassUtils.isPresent(
			"org.springframework.security.oauth2.jwt.JwtDecoder", WsSecurityAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	SecurityHandshakeInterceptor wsSecurityHandshakeInterceptor(ObjectProvider<WsAuthenticationConverter> converter,
			ObjectProvider<WsAuthorizationRules> rules, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<SessionRegistry> registry) {
		// sendToUser and the presence per user need the sessions indexed by user
		registry.ifAvailable(SessionRegistry::indexPrincipals);
		return new SecurityHandshakeInterceptor(converter.getIfAvailable(() -> (handshake) -> null),
				authenticationManager(beanFactory), rules.getIfUnique(), beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityContextInvocationInterceptor wsSecurityContextInvocationInterceptor(
			ConfigurableListableBeanFactory beanFactory) {
		return new SecurityContextInvocationInterceptor(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	TokenExpiryListener wsTokenExpiryListener(WsSecurityProperties properties) {
		return new TokenExpiryListener(properties.getExpiryGracePeriod());
	}

	/**
	 * The application's way to authenticate a token: its {@link JwtDecoder}, its
	 * {@link OpaqueTokenIntrospector}, or else its {@link AuthenticationManager}.
	 */
	private static @Nullable AuthenticationManager authenticationManager(ConfigurableListableBeanFactory beanFactory) {
		if (RESOURCE_SERVER_PRESENT) {
			AuthenticationManager tokens = ResourceServer.authenticationManager(beanFactory, JWT_PRESENT);
			if (tokens != null) {
				return tokens;
			}
		}
		return beanFactory.getBeanProvider(AuthenticationManager.class).getIfUnique();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(BearerTokenAuthenticationToken.class)
	static final class BearerTokenConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WsAuthenticationConverter wsAuthenticationConverter(WsSecurityProperties properties) {
			WsSecurityProperties.Bearer bearer = properties.getBearer();
			return new BearerTokenWsAuthenticationConverter(bearer.isHeader(), bearer.isSubprotocol(),
					bearer.isQueryParameter());
		}

	}

	/**
	 * Loaded only when Spring Security's resource server is on the classpath.
	 */
	private static final class ResourceServer {

		static @Nullable AuthenticationManager authenticationManager(ConfigurableListableBeanFactory beanFactory,
				boolean jwtPresent) {
			if (jwtPresent) {
				JwtDecoder decoder = beanFactory.getBeanProvider(JwtDecoder.class).getIfUnique();
				if (decoder != null) {
					JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
					beanFactory.getBeanProvider(JwtAuthenticationConverter.class)
						.ifUnique(provider::setJwtAuthenticationConverter);
					return new ProviderManager(provider);
				}
			}
			OpaqueTokenIntrospector introspector = beanFactory.getBeanProvider(OpaqueTokenIntrospector.class)
				.getIfUnique();
			return (introspector != null) ? new ProviderManager(new OpaqueTokenAuthenticationProvider(introspector))
					: null;
		}

	}

}
