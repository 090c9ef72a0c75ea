package io.wsboot.endpoint.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.wsboot.endpoint.handshake.HandshakeContext;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.util.AntPathMatcher;

/**
 * Path-based authorization of upgrade requests, declared as a bean; checked before the
 * 101 together with the {@code @PreAuthorize}, {@code @Secured} and {@code @RolesAllowed}
 * annotations of the endpoint class. The first rule whose Ant-style pattern matches the
 * request path decides; a request that no rule matches is left to the annotations.
 *
 * <pre class="code">
 * &#64;Bean
 * WsAuthorizationRules wsAuthorizationRules() {
 *     return WsAuthorizationRules.builder()
 *         .path("/admin/**").hasRole("ADMIN")
 *         .path("/chat/*").authenticated()
 *         .path("/echo").permitAll()
 *         .build();
 * }
 * </pre>
 *
 * @author wsboot
 */
public final class WsAuthorizationRules {

	private static final AntPathMatcher matcher = new AntPathMatcher();

	private final List<Rule> rules;

	private WsAuthorizationRules(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * Start a rule set.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the authorization of the first rule that matches a request path.
	 * @param path the request path, without the query
	 * @return the rule's authorization, or {@code null} when no rule matches
	 */
	public @Nullable AuthorizationManager<HandshakeContext> ruleFor(String path) {
		for (Rule rule : this.rules) {
			if (matcher.match(rule.pattern(), path)) {
				return rule.authorization();
			}
		}
		return null;
	}

	/**
	 * Whether the first rule that matches the request of a handshake grants it.
	 * @param authentication the authentication of the request, anonymous when it carries
	 * no credentials
	 * @param handshake the request
	 * @return whether access is granted; {@code true} when no rule matches
	 */
	public boolean isGranted(Authentication authentication, HandshakeContext handshake) {
		AuthorizationManager<HandshakeContext> rule = ruleFor(handshake.path());
		if (rule == null) {
			return true;
		}
		var result = rule.authorize(() -> authentication, handshake);
		return result != null && result.isGranted();
	}

	private record Rule(String pattern, AuthorizationManager<HandshakeContext> authorization) {

	}

	/**
	 * Builds a rule set, rules in the order they are checked.
	 */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Start a rule for the paths that match an Ant-style pattern, such as
		 * {@code /chat/*} or {@code /admin/**}.
		 * @param pattern the pattern
		 * @return the rule's authorization step
		 */
		public RuleBuilder path(String pattern) {
			return new RuleBuilder(this, Objects.requireNonNull(pattern, "pattern"));
		}

		/**
		 * Build the rule set.
		 * @return the rules
		 */
		public WsAuthorizationRules build() {
			return new WsAuthorizationRules(this.rules);
		}

	}

	/**
	 * Says what the paths of one rule require.
	 */
	public static final class RuleBuilder {

		private final Builder builder;

		private final String pattern;

		private RuleBuilder(Builder builder, String pattern) {
			this.builder = builder;
			this.pattern = pattern;
		}

		/**
		 * Let everyone in, anonymous requests included.
		 * @return the rule set's builder
		 */
		public Builder permitAll() {
			return access(SingleResultAuthorizationManager.permitAll());
		}

		/**
		 * Let nobody in.
		 * @return the rule set's builder
		 */
		public Builder denyAll() {
			return access(SingleResultAuthorizationManager.denyAll());
		}

		/**
		 * Require an authenticated request.
		 * @return the rule set's builder
		 */
		public Builder authenticated() {
			return access(AuthenticatedAuthorizationManager.authenticated());
		}

		/**
		 * Require a role.
		 * @param role the role, without the {@code ROLE_} prefix
		 * @return the rule set's builder
		 */
		public Builder hasRole(String role) {
			return access(AuthorityAuthorizationManager.hasRole(role));
		}

		/**
		 * Require one of several roles.
		 * @param roles the roles, without the {@code ROLE_} prefix
		 * @return the rule set's builder
		 */
		public Builder hasAnyRole(String... roles) {
			return access(AuthorityAuthorizationManager.hasAnyRole(roles));
		}

		/**
		 * Require an authority.
		 * @param authority the authority, such as {@code SCOPE_chat}
		 * @return the rule set's builder
		 */
		public Builder hasAuthority(String authority) {
			return access(AuthorityAuthorizationManager.hasAuthority(authority));
		}

		/**
		 * Decide with an authorization manager of your own.
		 * @param authorization decides about a request
		 * @return the rule set's builder
		 */
		public Builder access(AuthorizationManager<HandshakeContext> authorization) {
			this.builder.rules.add(new Rule(this.pattern, Objects.requireNonNull(authorization, "authorization")));
			return this.builder;
		}

	}

}
