package io.wsboot.sample;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Issues the short-lived JWTs that the chat page presents on the WebSocket upgrade,
 * signed through Spring Security's {@link JwtEncoder}. When a token expires the engine
 * closes its session with 1008 and the page reconnects with a fresh one.
 *
 * @author wsboot
 */
@Component
class WsTokens {

	/** How long a token is valid. */
	static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

	private final JwtEncoder encoder;

	WsTokens(JwtEncoder encoder) {
		this.encoder = encoder;
	}

	/**
	 * Issue a token for a user.
	 * @param user the user name, the token's subject
	 * @return the signed token
	 */
	String issue(String user) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("wsboot-sample")
			.subject(user)
			.issuedAt(now)
			.expiresAt(now.plus(TOKEN_LIFETIME))
			.build();
		return this.encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

}
