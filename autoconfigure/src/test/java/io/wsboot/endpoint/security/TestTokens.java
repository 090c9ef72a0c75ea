package io.wsboot.endpoint.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Real RS256 JWTs for the tests, signed by Spring Security's {@link NimbusJwtEncoder}
 * with a key pair generated per instance, and the {@link JwtDecoder} that trusts it. The
 * {@code roles} claim becomes {@code ROLE_} authorities.
 */
public final class TestTokens {

	private final RSAPublicKey publicKey;

	private final JwtEncoder encoder;

	public TestTokens() {
		KeyPair keyPair = generate();
		this.publicKey = (RSAPublicKey) keyPair.getPublic();
		RSAKey key = new RSAKey.Builder(this.publicKey).privateKey((RSAPrivateKey) keyPair.getPrivate()).build();
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public JwtDecoder decoder() {
		return NimbusJwtDecoder.withPublicKey(this.publicKey).build();
	}

	public static JwtAuthenticationConverter authenticationConverter() {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName("roles");
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return converter;
	}

	public String token(String subject, String... roles) {
		return token(subject, Instant.now().plusSeconds(600), roles);
	}

	public String token(String subject, Instant expiresAt, String... roles) {
		Instant issuedAt = expiresAt.isBefore(Instant.now()) ? expiresAt.minusSeconds(600) : Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.subject(subject)
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.claim("roles", List.of(roles))
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

}
