package io.wsboot.endpoint.annotation;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Reads what {@code @AuthenticationPrincipal} binds; loaded only for a parameter with
 * that annotation, so only when Spring Security is on the class path.
 *
 * @author wsboot
 */
final class AuthenticationPrincipals {

	private AuthenticationPrincipals() {
	}

	static @Nullable Object principalOf(Principal principal) {
		return (principal instanceof Authentication authentication) ? authentication.getPrincipal() : null;
	}

}
