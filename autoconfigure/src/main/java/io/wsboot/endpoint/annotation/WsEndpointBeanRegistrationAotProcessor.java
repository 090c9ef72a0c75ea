package io.wsboot.endpoint.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.engine.PathTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Checks each {@link WsEndpoint @WsEndpoint} bean during AOT processing, so that a
 * handler method whose signature cannot be called fails the build, naming the method, as
 * it fails start-up without AOT; and registers the runtime hints that an AOT-processed
 * application (a native image above all) needs to serve it: reflective invocation of the
 * handler methods and binding hints for the types decoded from and encoded to JSON.
 *
 * <p>
 * Objects sent with {@code EndpointSession.sendJson} or {@code WsSessions} cannot be seen
 * from the signatures: annotate the application with
 * {@code @RegisterReflectionForBinding} for those types.
 *
 * @author wsboot
 */
final class WsEndpointBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	private static final String PLACEHOLDER_PREFIX = "${";

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanType().toClass());
		WsEndpoint annotation = AnnotatedElementUtils.findMergedAnnotation(beanClass, WsEndpoint.class);
		if (annotation == null) {
			return null;
		}
		String beanName = registeredBean.getBeanName();
		ConfigurableListableBeanFactory beanFactory = registeredBean.getBeanFactory();
		EndpointMethods methods = EndpointIntrospector
			.aheadOfTime(beanName, beanClass, template(beanFactory, beanName, annotation), jsonAvailable(beanFactory))
			.introspect();
		List<Method> handlerMethods = new ArrayList<>();
		Set<Type> jsonTypes = new LinkedHashSet<>();
		Stream.of(methods.open(), methods.text(), methods.binary(), methods.pong(), methods.close(), methods.error())
			.filter(Objects::nonNull)
			.forEach((method) -> {
				handlerMethods.add(method.method());
				if (method.payloadType() != null) {
					jsonTypes.add(method.payloadType());
				}
				Class<?> returnType = method.method().getReturnType();
				if (returnType != void.class && !EndpointIntrospector.isSentAsIs(returnType)) {
					jsonTypes.add(method.method().getGenericReturnType());
				}
			});
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints(), beanClass,
				handlerMethods, jsonTypes);
	}

	private void registerHints(RuntimeHints hints, Class<?> beanClass, List<Method> handlerMethods,
			Set<Type> jsonTypes) {
		hints.reflection().registerType(beanClass);
		for (Method method : handlerMethods) {
			hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
		}
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), jsonTypes.toArray(Type[]::new));
	}

	/**
	 * The path as the build's environment resolves it; {@code null} when a placeholder is
	 * only resolvable at run time, which leaves the path-variable checks to start-up.
	 */
	private static @Nullable PathTemplate template(ConfigurableListableBeanFactory beanFactory, String beanName,
			WsEndpoint annotation) {
		String path;
		try {
			path = beanFactory.resolveEmbeddedValue(annotation.path());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (path != null && path.contains(PLACEHOLDER_PREFIX)) {
			return null;
		}
		return WsEndpointRegistrar.parse(beanName, (path != null) ? path.trim() : "");
	}

	private static boolean jsonAvailable(ConfigurableListableBeanFactory beanFactory) {
		return beanFactory.getBeanNamesForType(JsonCodec.class, true, false).length > 0;
	}

}
