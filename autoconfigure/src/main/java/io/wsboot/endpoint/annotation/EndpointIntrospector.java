package io.wsboot.endpoint.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import io.wsboot.endpoint.annotation.EndpointMethod.ArgumentResolver;
import io.wsboot.endpoint.annotation.EndpointMethod.Kind;
import io.wsboot.endpoint.annotation.EndpointMethod.Payload;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.PathTemplate;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the handler methods of an endpoint bean and checks their signatures, so that
 * every problem fails start-up with the bean and the method named.
 *
 * @author wsboot
 */
final class EndpointIntrospector {

	private static final String AUTHENTICATION_PRINCIPAL = "org.springframework.security.core.annotation.AuthenticationPrincipal";

	private final String beanName;

	/** {@code null} when checking a class ahead of time, without an instance. */
	private final @Nullable Object bean;

	private final Class<?> userClass;

	/** {@code null} when the path cannot be resolved ahead of time. */
	private final @Nullable PathTemplate template;

	/** {@code null} when conversions are left to the run-time check. */
	private final @Nullable ConversionService conversionService;

	private final @Nullable JsonCodec codec;

	private final boolean jsonAvailable;

	private final Set<HandshakeValue> handshakeValues = new LinkedHashSet<>();

	EndpointIntrospector(String beanName, Object bean, Class<?> userClass, PathTemplate template,
			ConversionService conversionService, @Nullable JsonCodec codec) {
		this(beanName, bean, userClass, template, conversionService, codec, codec != null);
	}

	private EndpointIntrospector(String beanName, @Nullable Object bean, Class<?> userClass,
			@Nullable PathTemplate template, @Nullable ConversionService conversionService, @Nullable JsonCodec codec,
			boolean jsonAvailable) {
		this.beanName = beanName;
		this.bean = bean;
		this.userClass = userClass;
		this.template = template;
		this.conversionService = conversionService;
		this.codec = codec;
		this.jsonAvailable = jsonAvailable;
	}

	/**
	 * Create an introspector that checks an endpoint class ahead of time (during AOT
	 * processing), when there is no bean instance and no {@link JsonCodec} yet. The
	 * methods it returns must not be invoked.
	 * @param beanName the name of the bean
	 * @param userClass the endpoint class
	 * @param template the path, or {@code null} to skip the path-variable checks
	 * @param jsonAvailable whether the application defines a {@link JsonCodec} bean
	 * @return the introspector
	 */
	static EndpointIntrospector aheadOfTime(String beanName, Class<?> userClass, @Nullable PathTemplate template,
			boolean jsonAvailable) {
		return new EndpointIntrospector(beanName, null, userClass, template, null, null, jsonAvailable);
	}

	EndpointMethods introspect() {
		Map<Method, Kind> annotated = MethodIntrospector.selectMethods(this.userClass,
				(MethodIntrospector.MetadataLookup<Kind>) this::kindOf);
		Map<Kind, EndpointMethod> single = new EnumMap<>(Kind.class);
		EndpointMethod text = null;
		EndpointMethod binary = null;
		for (Map.Entry<Method, Kind> entry : annotated.entrySet()) {
			EndpointMethod method = build(entry.getKey(), entry.getValue());
			if (method.kind() == Kind.MESSAGE) {
				if (method.payload().isText()) {
					requireNone(text, method, "text");
					text = method;
				}
				else {
					requireNone(binary, method, "binary");
					binary = method;
				}
				continue;
			}
			EndpointMethod previous = single.put(method.kind(), method);
			if (previous != null) {
				throw fail("has two " + method.kind().label() + " methods, " + previous + " and " + method
						+ "; an endpoint has at most one");
			}
		}
		return new EndpointMethods(single.get(Kind.OPEN), text, binary, single.get(Kind.PONG), single.get(Kind.CLOSE),
				single.get(Kind.ERROR), List.copyOf(this.handshakeValues));
	}

	private void requireNone(@Nullable EndpointMethod existing, EndpointMethod method, String type) {
		if (existing != null) {
			throw fail("has two @OnMessage methods for " + type + " messages, " + existing + " and " + method
					+ "; an endpoint has at most one for text and one for binary messages");
		}
	}

	private @Nullable Kind kindOf(Method method) {
		Kind found = null;
		for (Kind kind : Kind.values()) {
			if (AnnotatedElementUtils.hasAnnotation(method, kind.annotation())) {
				if (found != null) {
					throw fail("method " + EndpointMethod.describe(method) + " has both " + found.label() + " and "
							+ kind.label());
				}
				found = kind;
			}
		}
		return found;
	}

	private EndpointMethod build(Method method, Kind kind) {
		String where = kind.label() + " method " + EndpointMethod.describe(method);
		if (Modifier.isStatic(method.getModifiers())) {
			throw fail(where + " must not be static");
		}
		if (Modifier.isPrivate(method.getModifiers())) {
			throw fail(where + " must not be private");
		}
		checkReturnType(method, kind, where);
		List<ArgumentResolver> resolvers = new ArrayList<>();
		Payload payload = Payload.NONE;
		Type payloadType = null;
		Class<? extends Throwable> errorType = Throwable.class;
		boolean errorParameter = false;
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			String described = "parameter " + (i + 1) + " (" + type.getSimpleName() + " " + parameters[i].getName()
					+ ") of " + where;
			ArgumentResolver resolver = handshakeValueResolver(parameter, described);
			if (resolver == null) {
				resolver = principalResolver(parameter);
			}
			if (resolver == null) {
				resolver = contextResolver(type);
			}
			if (resolver == null && kind == Kind.CLOSE && type == CloseStatus.class) {
				resolver = InvocationContext::status;
			}
			if (resolver == null && kind == Kind.ERROR && Throwable.class.isAssignableFrom(type)) {
				if (errorParameter) {
					throw fail(described + ": an @OnError method takes at most one Throwable");
				}
				errorParameter = true;
				errorType = type.asSubclass(Throwable.class);
				resolver = InvocationContext::error;
			}
			if (resolver == null && (kind == Kind.MESSAGE || kind == Kind.PONG)) {
				if (payload != Payload.NONE) {
					throw fail(described + " is a second payload parameter; annotate it with @PathParam, "
							+ "@QueryParam or @HandshakeHeader, or remove it");
				}
				payload = payloadOf(type, kind, described);
				if (payload == Payload.JSON) {
					payloadType = parameter.getGenericParameterType();
				}
				resolver = payloadResolver(payload, parameter.getGenericParameterType());
			}
			if (resolver == null) {
				throw fail(described + " cannot be resolved; " + kind.label() + " methods accept " + accepted(kind));
			}
			resolvers.add(resolver);
		}
		if (kind == Kind.MESSAGE && payload == Payload.NONE) {
			throw fail(where + " has no payload parameter (String, byte[], ByteBuffer or a JSON-decoded type)");
		}
		if (this.bean == null) {
			return new EndpointMethod(kind, method, resolvers, payload, payloadType, errorType);
		}
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(method, this.bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw fail(where + " cannot be invoked on the bean's proxy; make it public", ex);
		}
		ReflectionUtils.makeAccessible(invocable);
		// also for public methods: Method.invoke then skips its access check on every
		// message
		invocable.trySetAccessible();
		return new EndpointMethod(kind, invocable, resolvers, payload, payloadType, errorType);
	}

	private void checkReturnType(Method method, Kind kind, String where) {
		Class<?> returnType = method.getReturnType();
		if (returnType == void.class) {
			return;
		}
		if (kind == Kind.CLOSE) {
			throw fail(where + " must return void: nothing can be sent on a closed session");
		}
		if (Future.class.isAssignableFrom(returnType) || CompletionStage.class.isAssignableFrom(returnType)) {
			throw fail(where + " returns " + returnType.getSimpleName()
					+ "; asynchronous return values are not supported, send from the session instead");
		}
		if (!isSentAsIs(returnType) && !this.jsonAvailable) {
			throw fail(where + " returns " + returnType.getSimpleName() + ", which is sent as JSON, but there is no "
					+ "JsonCodec bean; add Jackson (spring-boot-starter-jackson) to the classpath");
		}
	}

	/**
	 * Return whether a handler method's return value of the given type is sent as it is,
	 * rather than encoded as JSON.
	 * @param returnType the return type, not {@code void}
	 * @return {@code true} for text, binary and prepared messages
	 */
	static boolean isSentAsIs(Class<?> returnType) {
		return returnType == String.class || returnType == byte[].class || ByteBuffer.class.isAssignableFrom(returnType)
				|| returnType == PreparedMessage.class;
	}

	private @Nullable ArgumentResolver handshakeValueResolver(MethodParameter parameter, String described) {
		PathParam pathParam = parameter.getParameterAnnotation(PathParam.class);
		QueryParam queryParam = parameter.getParameterAnnotation(QueryParam.class);
		HandshakeHeader header = parameter.getParameterAnnotation(HandshakeHeader.class);
		int count = ((pathParam != null) ? 1 : 0) + ((queryParam != null) ? 1 : 0) + ((header != null) ? 1 : 0);
		if (count == 0) {
			return null;
		}
		if (count > 1) {
			throw fail(described + " has more than one of @PathParam, @QueryParam and @HandshakeHeader");
		}
		TypeDescriptor type = new TypeDescriptor(parameter);
		HandshakeValue value;
		if (pathParam != null) {
			PathTemplate template = this.template;
			if (template != null && !template.variableNames().contains(pathParam.value())) {
				throw fail(described + " binds path variable '" + pathParam.value() + "', but path '"
						+ template.template() + "' has "
						+ (template.variableNames().isEmpty() ? "no variables" : "only " + template.variableNames()));
			}
			value = new HandshakeValue(HandshakeValue.Source.PATH, pathParam.value(), type);
		}
		else {
			if (parameter.getParameterType().isPrimitive()) {
				throw fail(described + " is primitive, but a missing "
						+ ((queryParam != null) ? "query parameter" : "header") + " is null; use "
						+ org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(parameter.getParameterType())
							.getSimpleName());
			}
			value = (queryParam != null) ? new HandshakeValue(HandshakeValue.Source.QUERY, queryParam.value(), type)
					: new HandshakeValue(HandshakeValue.Source.HEADER, header.value(), type);
		}
		if (this.conversionService != null && !value.canConvert(this.conversionService)) {
			throw fail(described + " binds " + value.describe() + ", but the ConversionService cannot convert "
					+ "String to " + type);
		}
		this.handshakeValues.add(value);
		ConversionService conversionService = this.conversionService;
		return (context) -> {
			EndpointSession session = context.session();
			return value.resolve(session.handshakeRequest(), session.pathVariables(),
					Objects.requireNonNull(conversionService));
		};
	}

	/**
	 * Resolve {@code Principal}, {@code Authentication} (any principal type) and Spring
	 * Security's {@code @AuthenticationPrincipal}: {@code null} for an anonymous session
	 * or a principal of another type.
	 */
	private static @Nullable ArgumentResolver principalResolver(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		for (java.lang.annotation.Annotation annotation : parameter.getParameterAnnotations()) {
			if (annotation.annotationType().getName().equals(AUTHENTICATION_PRINCIPAL)) {
				return (context) -> {
					Principal principal = context.session().principal();
					Object value = (principal != null) ? AuthenticationPrincipals.principalOf(principal) : null;
					return type.isInstance(value) ? value : null;
				};
			}
		}
		if (Principal.class.isAssignableFrom(type)) {
			return (context) -> {
				Principal principal = context.session().principal();
				return type.isInstance(principal) ? principal : null;
			};
		}
		return null;
	}

	private static @Nullable ArgumentResolver contextResolver(Class<?> type) {
		if (type == EndpointSession.class) {
			return InvocationContext::session;
		}
		if (type == WsSession.class) {
			return (context) -> context.session().unwrap();
		}
		if (type == HandshakeRequest.class) {
			return (context) -> context.session().handshakeRequest();
		}
		return null;
	}

	private Payload payloadOf(Class<?> type, Kind kind, String described) {
		if (type == byte[].class) {
			return Payload.BYTES;
		}
		if (type == ByteBuffer.class) {
			return Payload.BYTE_BUFFER;
		}
		if (kind == Kind.PONG) {
			throw fail(described + " cannot be resolved; the pong payload is byte[] or ByteBuffer");
		}
		if (type == String.class) {
			return Payload.TEXT;
		}
		if (type.isPrimitive() || type == CloseStatus.class || Throwable.class.isAssignableFrom(type)) {
			throw fail(described + " cannot be a message payload; @OnMessage takes String, byte[], ByteBuffer or "
					+ "a type decoded from JSON");
		}
		if (!this.jsonAvailable) {
			throw fail(described + " is decoded from JSON, but there is no JsonCodec bean; add Jackson "
					+ "(spring-boot-starter-jackson) to the classpath");
		}
		return Payload.JSON;
	}

	private ArgumentResolver payloadResolver(Payload payload, Type genericType) {
		JsonCodec codec = this.codec;
		return switch (payload) {
			case TEXT -> InvocationContext::message;
			case BYTES -> (context) -> {
				ByteBuffer data = ((ByteBuffer) context.message()).duplicate();
				byte[] bytes = new byte[data.remaining()];
				data.get(bytes);
				return bytes;
			};
			case BYTE_BUFFER -> (context) -> ((ByteBuffer) context.message()).duplicate();
			case JSON -> (context) -> codec.decode((String) context.message(), genericType);
			case NONE -> throw new IllegalStateException("no payload");
		};
	}

	private static String accepted(Kind kind) {
		String common = "EndpointSession, WsSession, HandshakeRequest, Principal (Authentication), "
				+ "@AuthenticationPrincipal and @PathParam, @QueryParam or @HandshakeHeader parameters";
		return switch (kind) {
			case OPEN -> common;
			case MESSAGE -> common + ", plus one payload: String, byte[], ByteBuffer or a type decoded from JSON";
			case PONG -> common + ", plus the pong payload as byte[] or ByteBuffer";
			case CLOSE -> common + ", plus CloseStatus";
			case ERROR -> common + ", plus one Throwable";
		};
	}

	private InvalidEndpointException fail(String problem) {
		return new InvalidEndpointException(prefix() + problem);
	}

	private InvalidEndpointException fail(String problem, Throwable cause) {
		return new InvalidEndpointException(prefix() + problem, cause);
	}

	private String prefix() {
		return "@WsEndpoint bean '" + this.beanName + "' (" + this.userClass.getName() + "): ";
	}

}
