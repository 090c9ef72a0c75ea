package io.wsboot.endpoint.annotation;

import java.lang.reflect.Method;

import io.wsboot.endpoint.session.EndpointSession;
import org.jspecify.annotations.Nullable;

/**
 * One call of a {@code @WsEndpoint} handler method, as an
 * {@link EndpointInvocationInterceptor} sees it.
 *
 * @author wsboot
 */
public interface EndpointInvocation {

	/**
	 * Return the endpoint bean.
	 * @return the bean
	 */
	Object bean();

	/**
	 * Return the handler method called.
	 * @return the method
	 */
	Method method();

	/**
	 * Return what kind of handler method is called.
	 * @return the kind
	 */
	Kind kind();

	/**
	 * Return the session the call is for.
	 * @return the session
	 */
	EndpointSession session();

	/**
	 * Return the message handled: a {@code String} for a text message, a read-only
	 * {@code ByteBuffer} for a binary message or a pong; {@code null} for the other
	 * kinds.
	 * @return the message, before any conversion to the method's parameter type
	 */
	@Nullable Object message();

	/**
	 * Call the next interceptor, or the method itself after the last one.
	 * @return the method's return value, {@code null} for {@code void}
	 * @throws Throwable what the method or a later interceptor threw
	 */
	@Nullable Object proceed() throws Throwable;

	/**
	 * The kinds of handler method, one per annotation.
	 */
	enum Kind {

		/** An {@link OnOpen @OnOpen} method. */
		OPEN,

		/** An {@link OnMessage @OnMessage} method. */
		MESSAGE,

		/** An {@link OnPong @OnPong} method. */
		PONG,

		/** An {@link OnClose @OnClose} method. */
		CLOSE,

		/** An {@link OnError @OnError} method. */
		ERROR

	}

}
