package io.wsboot.endpoint.security;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.endpoint.annotation.EndpointInvocation;
import io.wsboot.endpoint.annotation.EndpointInvocationInterceptor;
import io.wsboot.endpoint.session.EndpointSession;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Sets the session's authentication as the {@link SecurityContext} around every handler
 * method call, on the thread the call runs on (handler executor, event loop or virtual
 * thread), and clears it afterwards, so that method security on the services a handler
 * calls sees the session's user and nothing is left for the next session's call on that
 * thread. It also checks the {@code @PreAuthorize}, {@code @Secured} and
 * {@code @RolesAllowed} annotations of the handler method itself: a denied call throws
 * {@link AccessDeniedException}, which reaches the endpoint's {@code @OnError} method, or
 * closes the session with 1008 when there is none.
 *
 * @author wsboot
 */
public final class SecurityContextInvocationInterceptor implements EndpointInvocationInterceptor, Ordered {

	/** The order of this interceptor: inside the observation interceptor. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("wsboot-anonymous",
			"anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final SecurityContextHolderStrategy strategy;

	private final @Nullable BeanFactoryResolver beanResolver;

	/** The annotations of each handler method, empty when it has none. */
	private final Map<Method, Optional<AnnotationAuthorization>> methodAuthorizations = new ConcurrentHashMap<>();

	/**
	 * Create an interceptor using the {@link SecurityContextHolder}'s strategy.
	 * @param beanFactory resolves {@code @bean} references in {@code @PreAuthorize}
	 * expressions, or {@code null}
	 */
	public SecurityContextInvocationInterceptor(@Nullable BeanFactory beanFactory) {
		this(SecurityContextHolder.getContextHolderStrategy(), beanFactory);
	}

	/**
	 * Create an interceptor.
	 * @param strategy where the security context is kept
	 * @param beanFactory resolves {@code @bean} references in {@code @PreAuthorize}
	 * expressions, or {@code null}
	 */
	public SecurityContextInvocationInterceptor(SecurityContextHolderStrategy strategy,
			@Nullable BeanFactory beanFactory) {
		this.strategy = strategy;
		this.beanResolver = (beanFactory != null) ? new BeanFactoryResolver(beanFactory) : null;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public @Nullable Object intercept(EndpointInvocation invocation) throws Throwable {
		EndpointSession session = invocation.session();
		Principal principal = session.principal();
		Authentication authentication = (principal instanceof Authentication auth) ? auth : null;
		if (authentication != null) {
			SecurityContext context = this.strategy.createEmptyContext();
			context.setAuthentication(authentication);
			this.strategy.setContext(context);
		}
		try {
			if (invocation.kind() != EndpointInvocation.Kind.CLOSE
					&& invocation.kind() != EndpointInvocation.Kind.ERROR) {
				authorize(invocation, (authentication != null) ? authentication : ANONYMOUS);
			}
			return invocation.proceed();
		}
		finally {
			this.strategy.clearContext();
		}
	}

	private void authorize(EndpointInvocation invocation, Authentication authentication) {
		AnnotationAuthorization authorization = this.methodAuthorizations
			.computeIfAbsent(invocation.method(),
					(method) -> Optional.ofNullable(AnnotationAuthorization.of(method, this.beanResolver)))
			.orElse(null);
		if (authorization == null) {
			return;
		}
		Map<String, @Nullable Object> variables = new HashMap<>(invocation.session().pathVariables());
		variables.put("message", invocation.message());
		if (!authorization.isGranted(authentication, variables)) {
			throw new AccessDeniedException(
					"Access denied to " + invocation.method().getName() + " for '" + authentication.getName() + "'");
		}
	}

}
