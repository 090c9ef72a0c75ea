package io.wsboot.endpoint.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.handshake.HandshakeContext;
import io.wsboot.endpoint.handshake.WsHandshakeInterceptor;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.WsHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.util.ClassUtils;

/**
 * Authenticates and authorizes every upgrade request before the server answers 101. The
 * {@link WsAuthenticationConverter} reads the credentials, the application's
 * {@link AuthenticationManager} authenticates them, then the {@link WsAuthorizationRules}
 * (when declared) and the {@code @PreAuthorize}, {@code @Secured} and
 * {@code @RolesAllowed} annotations of the endpoint class must grant access.
 *
 * <p>
 * Missing or invalid credentials where authentication is required are answered with 401
 * and {@code WWW-Authenticate: Bearer}; insufficient authority with 403. No response byte
 * and no log line contains the token. The authentication becomes the session's
 * {@linkplain EndpointSession#principal() principal}, and the expiry of its token, if it
 * has one, the session attribute {@value #EXPIRES_AT_ATTRIBUTE}.
 *
 * @author wsboot
 */
public final class SecurityHandshakeInterceptor implements WsHandshakeInterceptor, Ordered, SmartInitializingSingleton {

	/** The order of this interceptor: before the application's own. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

	/**
	 * The session attribute that holds the {@link Instant} the session's token expires.
	 */
	public static final String EXPIRES_AT_ATTRIBUTE = "io.wsboot.security.expiresAt";

	private static final Log logger = LogFactory.getLog(SecurityHandshakeInterceptor.class);

	private static final String ANONYMOUS_KEY = "wsboot-anonymous";

	private final WsAuthenticationConverter converter;

	private final @Nullable AuthenticationManager authenticationManager;

	private final @Nullable WsAuthorizationRules rules;

	private final ConfigurableListableBeanFactory beanFactory;

	private volatile Map<String, AnnotationAuthorization> endpointAuthorizations = Map.of();

	/**
	 * Create an interceptor.
	 * @param converter reads the credentials
	 * @param authenticationManager authenticates them, or {@code null} when the
	 * application has no way to: requests with credentials are then refused with 401
	 * @param rules the path-based rules, or {@code null} for none
	 * @param beanFactory where the {@code @WsEndpoint} beans are found, and the beans
	 * that {@code @PreAuthorize} expressions refer to
	 */
	public SecurityHandshakeInterceptor(WsAuthenticationConverter converter,
			@Nullable AuthenticationManager authenticationManager, @Nullable WsAuthorizationRules rules,
			ConfigurableListableBeanFactory beanFactory) {
		this.converter = converter;
		this.authenticationManager = authenticationManager;
		this.rules = rules;
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void afterSingletonsInstantiated() {
		BeanFactoryResolver beanResolver = new BeanFactoryResolver(this.beanFactory);
		Map<String, AnnotationAuthorization> authorizations = new HashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			Class<?> type = this.beanFactory.getType(beanName);
			if (type == null) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			WsEndpoint annotation = AnnotatedElementUtils.findMergedAnnotation(userClass, WsEndpoint.class);
			if (annotation == null) {
				continue;
			}
			for (String subprotocol : annotation.subprotocols()) {
				if (resolve(subprotocol).startsWith(BearerTokenWsAuthenticationConverter.SUBPROTOCOL_PREFIX)) {
					throw new IllegalStateException("@WsEndpoint bean '" + beanName + "' declares subprotocol '"
							+ subprotocol + "'; the prefix " + BearerTokenWsAuthenticationConverter.SUBPROTOCOL_PREFIX
							+ " marks a token, which must never be selected and echoed back");
				}
			}
			AnnotationAuthorization authorization = AnnotationAuthorization.of(userClass, beanResolver);
			if (authorization != null) {
				authorizations.put(resolve(annotation.path()), authorization);
			}
		}
		this.endpointAuthorizations = Map.copyOf(authorizations);
	}

	private String resolve(String value) {
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved.trim() : "";
	}

	@Override
	public void beforeHandshake(HandshakeContext handshake) throws WsHandshakeException {
		Authentication authentication = authenticate(handshake);
		boolean anonymous = authentication == null;
		Authentication subject = anonymous ? anonymous() : authentication;
		if (!isGranted(subject, handshake)) {
			if (anonymous) {
				throw unauthenticated(handshake, "authentication required", "Bearer", "no credentials");
			}
			logger.debug("Refused upgrade to " + handshake.path() + ": '" + subject.getName() + "' lacks authority");
			throw new WsHandshakeException(RejectionReason.FORBIDDEN, 403, "access denied",
					Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\""));
		}
		if (authentication != null) {
			handshake.attributes().put(EndpointSession.PRINCIPAL_ATTRIBUTE, authentication);
			Instant expiresAt = TokenExpiry.of(authentication);
			if (expiresAt != null) {
				handshake.attributes().put(EXPIRES_AT_ATTRIBUTE, expiresAt);
			}
		}
	}

	private @Nullable Authentication authenticate(HandshakeContext handshake) {
		Authentication request;
		try {
			request = this.converter.convert(handshake);
		}
		catch (AuthenticationException ex) {
			throw unauthenticated(handshake, "invalid credentials", "Bearer error=\"invalid_request\"",
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		if (request == null) {
			return null;
		}
		if (request.isAuthenticated()) {
			return request;
		}
		if (this.authenticationManager == null) {
			throw unauthenticated(handshake, "invalid credentials", "Bearer error=\"invalid_token\"",
					"no AuthenticationManager, JwtDecoder or OpaqueTokenIntrospector bean to check them");
		}
		try {
			Authentication result = this.authenticationManager.authenticate(request);
			if (result == null || !result.isAuthenticated()) {
				throw unauthenticated(handshake, "invalid credentials", "Bearer error=\"invalid_token\"",
						"not authenticated");
			}
			return result;
		}
		catch (AuthenticationException ex) {
			throw unauthenticated(handshake, "invalid credentials", "Bearer error=\"invalid_token\"",
					redact(ex.getClass().getSimpleName() + ": " + ex.getMessage(), request));
		}
	}

	private boolean isGranted(Authentication subject, HandshakeContext handshake) {
		if (this.rules != null && !this.rules.isGranted(subject, handshake)) {
			return false;
		}
		AnnotationAuthorization authorization = this.endpointAuthorizations.get(handshake.pathTemplate());
		return authorization == null || authorization.isGranted(subject, new HashMap<>(handshake.pathVariables()));
	}

	private static Authentication anonymous() {
		return new AnonymousAuthenticationToken(ANONYMOUS_KEY, "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
	}

	private static WsHandshakeException unauthenticated(HandshakeContext handshake, String body, String wwwAuthenticate,
			String cause) {
		if (logger.isDebugEnabled()) {
			logger
				.debug("Refused upgrade to " + handshake.path() + " from " + handshake.remoteAddress() + ": " + cause);
		}
		return new WsHandshakeException(RejectionReason.UNAUTHENTICATED, 401, body,
				Map.of("WWW-Authenticate", wwwAuthenticate));
	}

	/**
	 * Remove the credentials from a message, in case a decoder or introspector quoted
	 * them.
	 */
	private static String redact(String message, Authentication request) {
		Object credentials = request.getCredentials();
		String secret = (credentials != null) ? credentials.toString() : "";
		return (secret.length() >= 4) ? message.replace(secret, "[token]") : message;
	}

	@Override
	public String toString() {
		return "SecurityHandshakeInterceptor[" + this.converter.getClass().getSimpleName() + "]";
	}

}
