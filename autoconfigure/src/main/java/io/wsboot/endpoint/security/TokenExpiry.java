package io.wsboot.endpoint.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.util.ClassUtils;

/**
 * Finds when the token behind an authentication expires: the {@code exp} of a JWT, or the
 * expiry an introspection reported for an opaque token.
 *
 * @author wsboot
 */
final class TokenExpiry {

	private static final boolean OAUTH2_PRESENT = ClassUtils
		.isPresent("org.springframework.security.oauth2.core.AbstractOAuth2Token", TokenExpiry.class.getClassLoader());

	private TokenExpiry() {
	}

	static @Nullable Instant of(Authentication authentication) {
		return OAUTH2_PRESENT ? OAuth2.expiresAt(authentication.getCredentials()) : null;
	}

	/**
	 * Loaded only when Spring Security's OAuth 2.0 core is on the class path.
	 */
	private static final class OAuth2 {

		static @Nullable Instant expiresAt(@Nullable Object credentials) {
			return (credentials instanceof AbstractOAuth2Token token) ? token.getExpiresAt() : null;
		}

	}

}
