package io.wsboot.sample;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sample's security: a form login at {@code /login} in front of the chat page and
 * {@code GET /api/ws-token}, which hands the signed-in user a short-lived JWT for the
 * WebSocket upgrade. The wsboot engine checks that token with the {@link JwtDecoder}
 * below. Everything else (the index, the dashboard, {@code /config.json}, the actuator
 * endpoints, and {@code /echo} on the engine's port) stays open, as conformance tools and
 * benchmarks use them; {@code docs/security.md} says how to lock them down.
 *
 * <p>
 * <strong>Development only:</strong> the two demo users {@code ada} and {@code bob} share
 * the password {@code wsboot}, stored in plain text, and the signing key is generated at
 * each start, so tokens do not survive a restart or work across nodes.
 *
 * @author wsboot
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/chat.html", "/api/ws-token")
			.authenticated()
			.anyRequest()
			.permitAll());
		http.formLogin(Customizer.withDefaults());
		http.logout(Customizer.withDefaults());
		return http.build();
	}

	// dev-only demo users: plain-text password, see the class comment
	@Bean
	UserDetailsService demoUsers() {
		return new InMemoryUserDetailsManager(User.withUsername("ada").password("{noop}wsboot").roles("USER").build(),
				User.withUsername("bob").password("{noop}wsboot").roles("USER").build());
	}

	@Bean
	KeyPair wsTokenKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	@Bean
	JwtEncoder wsTokenEncoder(KeyPair wsTokenKeyPair) {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) wsTokenKeyPair.getPublic())
			.privateKey((RSAPrivateKey) wsTokenKeyPair.getPrivate())
			.build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
	}

	@Bean
	JwtDecoder wsTokenDecoder(KeyPair wsTokenKeyPair) {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) wsTokenKeyPair.getPublic()).build();
	}

}
