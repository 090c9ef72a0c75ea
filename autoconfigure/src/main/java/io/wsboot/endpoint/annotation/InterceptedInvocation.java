package io.wsboot.endpoint.annotation;

import java.lang.reflect.Method;

import io.wsboot.endpoint.session.EndpointSession;
import org.jspecify.annotations.Nullable;

/**
 * A call of a handler method through a chain of interceptors; created per call, and only
 * when there are interceptors.
 *
 * @author wsboot
 */
final class InterceptedInvocation implements EndpointInvocation {

	private final EndpointInvocationInterceptor[] interceptors;

	private final Object bean;

	private final EndpointMethod method;

	private final InvocationContext context;

	private int next;

	InterceptedInvocation(EndpointInvocationInterceptor[] interceptors, Object bean, EndpointMethod method,
			InvocationContext context) {
		this.interceptors = interceptors;
		this.bean = bean;
		this.method = method;
		this.context = context;
	}

	@Override
	public Object bean() {
		return this.bean;
	}

	@Override
	public Method method() {
		return this.method.method();
	}

	@Override
	public Kind kind() {
		return this.method.kind().invocationKind();
	}

	@Override
	public EndpointSession session() {
		return this.context.session();
	}

	@Override
	public @Nullable Object message() {
		return this.context.message();
	}

	@Override
	public @Nullable Object proceed() throws Throwable {
		if (this.next < this.interceptors.length) {
			return this.interceptors[this.next++].intercept(this);
		}
		if (this.next++ > this.interceptors.length) {
			throw new IllegalStateException(this.method + " was already called for this invocation");
		}
		return this.method.invoke(this.bean, this.context);
	}

}
