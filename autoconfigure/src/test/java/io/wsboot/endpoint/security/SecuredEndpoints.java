package io.wsboot.endpoint.security;

import java.security.Principal;

import io.wsboot.endpoint.annotation.OnError;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.session.EndpointSession;
import jakarta.annotation.security.RolesAllowed;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The endpoints of the security tests: open, for any authenticated user, and for admins
 * by each of the three annotations.
 */
final class SecuredEndpoints {

	private SecuredEndpoints() {
	}

	/** Anyone, anonymous included; says who it sees in every way it can. */
	@WsEndpoint(path = "/open", subprotocols = "chat")
	static class OpenEndpoint {

		@OnMessage
		String whoAmI(String text, @Nullable Principal principal, @Nullable Authentication authentication,
				@AuthenticationPrincipal @Nullable Jwt jwt, EndpointSession session) {
			Authentication context = SecurityContextHolder.getContext().getAuthentication();
			return name(principal) + "|" + name(authentication) + "|" + ((jwt != null) ? jwt.getSubject() : "none")
					+ "|" + name(session.principal()) + "|" + name(context);
		}

		private static String name(@Nullable Principal principal) {
			return (principal != null) ? principal.getName() : "none";
		}

	}

	/** Authenticated users. */
	@WsEndpoint("/user/{room}")
	@PreAuthorize("isAuthenticated() and #room != 'closed'")
	static class UserEndpoint {

		@OnMessage
		String echo(String text, Principal principal) {
			return principal.getName() + ": " + text;
		}

	}

	/** Admins, by {@code @RolesAllowed}. */
	@WsEndpoint("/admin")
	@RolesAllowed("ADMIN")
	static class RolesAllowedEndpoint {

		@OnMessage
		String echo(String text) {
			return "admin: " + text;
		}

	}

	/** Admins, by {@code @Secured}. */
	@WsEndpoint("/secured")
	@Secured("ROLE_ADMIN")
	static class SecuredEndpoint {

		@OnMessage
		String echo(String text) {
			return "secured: " + text;
		}

	}

	/**
	 * A handler method for admins only, with an {@code @OnError} method that reports the
	 * denial; every reply names the user of the security context it ran with.
	 */
	@WsEndpoint("/method")
	static class MethodSecuredEndpoint {

		@OnMessage
		@PreAuthorize("hasRole('ADMIN') or #message == 'whoami'")
		String adminOnly(String text) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return ((authentication != null) ? authentication.getName() : "none") + ": " + text;
		}

		@OnError
		String denied(AccessDeniedException ex) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return "denied " + ((authentication != null) ? authentication.getName() : "none");
		}

	}

	/** A handler method for admins only, without an {@code @OnError} method. */
	@WsEndpoint("/method-strict")
	static class StrictMethodSecuredEndpoint {

		@OnMessage
		@RolesAllowed("ADMIN")
		String adminOnly(String text) {
			return "ok: " + text;
		}

	}

}
