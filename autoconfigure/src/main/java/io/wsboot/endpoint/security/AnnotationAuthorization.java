package io.wsboot.endpoint.security;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.security.access.expression.ExpressionUtils;
import org.springframework.security.access.expression.SecurityExpressionRoot;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authorization that Spring Security's method-security annotations on an endpoint
 * class or handler method declare: {@code @PreAuthorize}, {@code @Secured},
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll}. Every annotation
 * present must grant access. Built once per class or method and checked without Spring's
 * AOP, so that it works on endpoint beans that method security does not proxy.
 *
 * @author wsboot
 */
final class AnnotationAuthorization {

	private static final String PRE_AUTHORIZE = "org.springframework.security.access.prepost.PreAuthorize";

	private static final String SECURED = "org.springframework.security.access.annotation.Secured";

	private static final String ROLES_ALLOWED = "jakarta.annotation.security.RolesAllowed";

	private static final String PERMIT_ALL = "jakarta.annotation.security.PermitAll";

	private static final String DENY_ALL = "jakarta.annotation.security.DenyAll";

	private static final String ROLE_PREFIX = "ROLE_";

	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private final String description;

	private final List<Check> checks;

	private AnnotationAuthorization(String description, List<Check> checks) {
		this.description = description;
		this.checks = checks;
	}

	/**
	 * Read the annotations of a class or method.
	 * @param element the endpoint class or handler method
	 * @param beanResolver resolves {@code @bean} references in expressions
	 * @return the authorization, or {@code null} when the element has none of the
	 * annotations
	 */
	static @Nullable AnnotationAuthorization of(AnnotatedElement element, @Nullable BeanResolver beanResolver) {
		MergedAnnotations annotations = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY);
		List<Check> checks = new ArrayList<>();
		if (annotations.isPresent(DENY_ALL)) {
			checks.add((authentication, variables) -> false);
		}
		MergedAnnotation<?> rolesAllowed = annotations.get(ROLES_ALLOWED);
		if (rolesAllowed.isPresent() && !annotations.isPresent(PERMIT_ALL)) {
			List<String> authorities = new ArrayList<>();
			for (String role : rolesAllowed.getStringArray("value")) {
				authorities.add(role.startsWith(ROLE_PREFIX) ? role : ROLE_PREFIX + role);
			}
			checks.add((authentication, variables) -> hasAny(authentication, authorities::contains));
		}
		MergedAnnotation<?> secured = annotations.get(SECURED);
		if (secured.isPresent()) {
			List<String> authorities = List.of(secured.getStringArray("value"));
			checks.add((authentication, variables) -> hasAny(authentication, authorities::contains));
		}
		MergedAnnotation<?> preAuthorize = annotations.get(PRE_AUTHORIZE);
		if (preAuthorize.isPresent()) {
			Expression expression = parser.parseExpression(preAuthorize.getString("value"));
			checks.add((authentication, variables) -> evaluate(expression, authentication, variables, beanResolver));
		}
		if (checks.isEmpty() && !annotations.isPresent(PERMIT_ALL)) {
			return null;
		}
		return new AnnotationAuthorization(element.toString(), List.copyOf(checks));
	}

	/**
	 * Whether every annotation grants access.
	 * @param authentication the authentication, anonymous for a request without
	 * credentials
	 * @param variables the variables of {@code @PreAuthorize} expressions, such as the
	 * path variables
	 * @return whether access is granted
	 */
	boolean isGranted(Authentication authentication, Map<String, @Nullable Object> variables) {
		for (Check check : this.checks) {
			if (!check.isGranted(authentication, variables)) {
				return false;
			}
		}
		return true;
	}

	private static boolean hasAny(Authentication authentication, Predicate<String> allowed) {
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && allowed.test(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean evaluate(Expression expression, Authentication authentication,
			Map<String, @Nullable Object> variables, @Nullable BeanResolver beanResolver) {
		StandardEvaluationContext context = new StandardEvaluationContext(new ExpressionRoot(authentication));
		if (beanResolver != null) {
			context.setBeanResolver(beanResolver);
		}
		variables.forEach(context::setVariable);
		return ExpressionUtils.evaluateAsBoolean(expression, context);
	}

	@Override
	public String toString() {
		return "AnnotationAuthorization[" + this.description + "]";
	}

	@FunctionalInterface
	private interface Check {

		boolean isGranted(Authentication authentication, Map<String, @Nullable Object> variables);

	}

	/**
	 * The root of {@code @PreAuthorize} expressions: {@code hasRole},
	 * {@code isAuthenticated}, {@code principal}, {@code authentication}...
	 */
	private static final class ExpressionRoot extends SecurityExpressionRoot<Object> {

		ExpressionRoot(Authentication authentication) {
			super(() -> authentication, authentication);
		}

	}

}
