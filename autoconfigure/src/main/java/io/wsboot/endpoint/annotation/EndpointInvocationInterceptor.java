package io.wsboot.endpoint.annotation;

import org.jspecify.annotations.Nullable;

/**
 * Wraps every call of a {@code @WsEndpoint} handler method, on whichever thread the
 * endpoint dispatches to: the place to set a security context, open an observation scope
 * or put values in the logging context for the duration of one call. Declare beans of
 * this type; they apply to every endpoint in {@link org.springframework.core.Ordered
 * order}, the first one outermost. With no interceptor a call costs nothing extra.
 *
 * <p>
 * An interceptor calls {@link EndpointInvocation#proceed()} once, or not at all to skip
 * the method. What it throws is handled as if the method had thrown it: passed to the
 * endpoint's {@code @OnError} method when one accepts it, or else the session is closed
 * with 1011.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface EndpointInvocationInterceptor {

	/**
	 * Intercept one call.
	 * @param invocation the call, to {@link EndpointInvocation#proceed() proceed} with
	 * @return the method's return value (sent to the peer when not {@code null}), or a
	 * replacement
	 * @throws Throwable what the method or the interceptor threw
	 */
	@Nullable Object intercept(EndpointInvocation invocation) throws Throwable;

}
