package io.wsboot.endpoint.security;

import io.wsboot.endpoint.handshake.HandshakeContext;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Reads the credentials of an upgrade request into an authentication request for the
 * application's {@code AuthenticationManager}, {@code JwtDecoder} or
 * {@code OpaqueTokenIntrospector}. A bean of this type replaces the built-in
 * {@link BearerTokenWsAuthenticationConverter}.
 *
 * <p>
 * An {@link Authentication#isAuthenticated() authenticated} result is trusted as it is,
 * without a further authentication step.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface WsAuthenticationConverter {

	/**
	 * Read the credentials of a request.
	 * @param handshake the upgrade request
	 * @return the authentication request, or {@code null} when the request carries no
	 * credentials (the session is then anonymous, if the endpoint allows it)
	 * @throws org.springframework.security.core.AuthenticationException when the
	 * credentials are present but malformed (answered with 401)
	 */
	@Nullable Authentication convert(HandshakeContext handshake);

}
