package io.wsboot.endpoint.annotation;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One annotated handler method of an endpoint with the resolvers of its arguments, all
 * checked at start-up so that a message never finds an invalid signature.
 *
 * @author wsboot
 */
final class EndpointMethod {

	private static final Object[] NO_ARGUMENTS = {};

	private final Kind kind;

	private final Method method;

	/** An array rather than a list: it is walked for every message. */
	private final ArgumentResolver[] resolvers;

	private final Payload payload;

	private final @Nullable Type payloadType;

	private final Class<? extends Throwable> errorType;

	EndpointMethod(Kind kind, Method method, List<ArgumentResolver> resolvers, Payload payload,
			@Nullable Type payloadType, Class<? extends Throwable> errorType) {
		this.kind = kind;
		this.method = method;
		this.resolvers = resolvers.toArray(new ArgumentResolver[0]);
		this.payload = payload;
		this.payloadType = payloadType;
		this.errorType = errorType;
	}

	/**
	 * Return the type that the payload is decoded into from JSON.
	 * @return the generic type, or {@code null} unless the payload is
	 * {@link Payload#JSON}
	 */
	@Nullable Type payloadType() {
		return this.payloadType;
	}

	Kind kind() {
		return this.kind;
	}

	Method method() {
		return this.method;
	}

	Payload payload() {
		return this.payload;
	}

	boolean handlesError(Throwable error) {
		return this.errorType.isInstance(error);
	}

	/**
	 * Invoke the method.
	 * @param bean the endpoint bean
	 * @param context what the arguments come from
	 * @return the return value, {@code null} for {@code void}
	 * @throws Throwable what an argument resolver or the method threw
	 */
	@Nullable Object invoke(Object bean, InvocationContext context) throws Throwable {
		ArgumentResolver[] resolvers = this.resolvers;
		Object[] arguments = (resolvers.length != 0) ? new Object[resolvers.length] : NO_ARGUMENTS;
		for (int i = 0; i < resolvers.length; i++) {
			arguments[i] = resolvers[i].resolve(context);
		}
		try {
			return this.method.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	@Override
	public String toString() {
		return describe(this.method);
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * The kinds of handler method, by annotation.
	 */
	enum Kind {

		OPEN(OnOpen.class), MESSAGE(OnMessage.class), PONG(OnPong.class), CLOSE(OnClose.class), ERROR(OnError.class);

		private final Class<? extends java.lang.annotation.Annotation> annotation;

		Kind(Class<? extends java.lang.annotation.Annotation> annotation) {
			this.annotation = annotation;
		}

		Class<? extends java.lang.annotation.Annotation> annotation() {
			return this.annotation;
		}

		String label() {
			return "@" + this.annotation.getSimpleName();
		}

		EndpointInvocation.Kind invocationKind() {
			return EndpointInvocation.Kind.valueOf(name());
		}

	}

	/**
	 * What the payload parameter takes, which decides the message type.
	 */
	enum Payload {

		/** No payload parameter. */
		NONE,

		/** Text as a {@code String}. */
		TEXT,

		/** Text decoded from JSON. */
		JSON,

		/** Binary as {@code byte[]}. */
		BYTES,

		/** Binary as a {@code ByteBuffer}. */
		BYTE_BUFFER;

		boolean isText() {
			return this == TEXT || this == JSON;
		}

		boolean isBinary() {
			return this == BYTES || this == BYTE_BUFFER;
		}

	}

	/**
	 * Resolves one argument.
	 */
	@FunctionalInterface
	interface ArgumentResolver {

		@Nullable Object resolve(InvocationContext context) throws Exception;

	}

	/**
	 * A payload type as the documentation names it.
	 * @param type the type
	 * @return the name
	 */
	static String typeName(Type type) {
		return (type instanceof Class<?> cls) ? cls.getSimpleName() : type.getTypeName();
	}

}
