package io.wsboot.endpoint.annotation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.handshake.HandshakeContext;
import io.wsboot.endpoint.handshake.WsHandshakeInterceptor;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.PathTemplate;
import io.wsboot.engine.SlowConsumerPolicy;
import io.wsboot.engine.UpgradeCheck;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsLimits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Turns every {@link WsEndpoint @WsEndpoint} bean into an engine {@link Endpoint}, and
 * collects the {@link Endpoint} beans defined directly. Everything is checked once all
 * singletons exist, so that an invalid path, a duplicate path or a handler signature that
 * cannot be called fails start-up, naming the beans and methods involved.
 *
 * @author wsboot
 */
public final class WsEndpointRegistrar implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WsEndpointRegistrar.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final WsLimits defaultLimits;

	private final ConversionService conversionService;

	private final @Nullable JsonCodec codec;

	private final SessionRegistry registry;

	private final Executor executor;

	private final Dispatch defaultDispatch;

	private final List<WsHandshakeInterceptor> interceptors;

	private List<EndpointInvocationInterceptor> invocationInterceptors = List.of();

	private @Nullable List<Endpoint> endpoints;

	/**
	 * Create a registrar whose endpoints run their methods on the executor unless they
	 * choose {@link Dispatch#EVENT_LOOP}.
	 * @param beanFactory where to find the endpoint beans
	 * @param defaultLimits the limits of endpoints that do not override them
	 * @param conversionService converts path variables, query parameters and headers
	 * @param codec decodes and encodes JSON, or {@code null} when none is available
	 * @param registry the registry of local sessions
	 * @param executor runs the handler methods
	 * @param interceptors the handshake interceptors, in order
	 */
	public WsEndpointRegistrar(ConfigurableListableBeanFactory beanFactory, WsLimits defaultLimits,
			ConversionService conversionService, @Nullable JsonCodec codec, SessionRegistry registry, Executor executor,
			List<WsHandshakeInterceptor> interceptors) {
		this(beanFactory, defaultLimits, conversionService, codec, registry, executor, Dispatch.EXECUTOR, interceptors);
	}

	/**
	 * Create a registrar.
	 * @param beanFactory where to find the endpoint beans
	 * @param defaultLimits the limits of endpoints that do not override them
	 * @param conversionService converts path variables, query parameters and headers
	 * @param codec decodes and encodes JSON, or {@code null} when none is available
	 * @param registry the registry of local sessions
	 * @param executor runs the handler methods of endpoints dispatched to the executor
	 * @param defaultDispatch the dispatch of endpoints that declare
	 * {@link Dispatch#DEFAULT}: {@link Dispatch#EXECUTOR} or {@link Dispatch#EVENT_LOOP}
	 * @param interceptors the handshake interceptors, in order
	 */
	public WsEndpointRegistrar(ConfigurableListableBeanFactory beanFactory, WsLimits defaultLimits,
			ConversionService conversionService, @Nullable JsonCodec codec, SessionRegistry registry, Executor executor,
			Dispatch defaultDispatch, List<WsHandshakeInterceptor> interceptors) {
		if (defaultDispatch == Dispatch.DEFAULT) {
			throw new IllegalArgumentException("defaultDispatch must be EXECUTOR or EVENT_LOOP");
		}
		this.beanFactory = beanFactory;
		this.defaultLimits = defaultLimits;
		this.conversionService = conversionService;
		this.codec = codec;
		this.registry = registry;
		this.executor = executor;
		this.defaultDispatch = defaultDispatch;
		this.interceptors = List.copyOf(interceptors);
	}

	/**
	 * Set the interceptors applied around every handler method call of the annotated
	 * endpoints; call before the endpoints are created.
	 * @param interceptors the interceptors, first outermost
	 */
	public void setInvocationInterceptors(List<EndpointInvocationInterceptor> interceptors) {
		this.invocationInterceptors = List.copyOf(interceptors);
	}

	@Override
	public void afterSingletonsInstantiated() {
		getEndpoints();
	}

	/**
	 * Return the endpoints, creating them on first use.
	 * @return the endpoints of the annotated beans and the {@link Endpoint} beans
	 * @throws InvalidEndpointException when an endpoint cannot be served
	 */
	public synchronized List<Endpoint> getEndpoints() {
		if (this.endpoints == null) {
			this.endpoints = createEndpoints();
		}
		return this.endpoints;
	}

	private List<Endpoint> createEndpoints() {
		Map<PathTemplate, String> claimed = new LinkedHashMap<>();
		List<Endpoint> created = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			Object bean = this.beanFactory.getBean(beanName);
			Class<?> userClass = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
			WsEndpoint annotation = AnnotatedElementUtils.findMergedAnnotation(userClass, WsEndpoint.class);
			if (annotation == null) {
				continue;
			}
			PathTemplate template = parse(beanName, resolve(annotation.path()));
			claim(claimed, template, beanName);
			EndpointMethods methods = new EndpointIntrospector(beanName, bean, userClass, template,
					this.conversionService, this.codec)
				.introspect();
			Dispatch dispatch = (annotation.dispatch() != Dispatch.DEFAULT) ? annotation.dispatch()
					: this.defaultDispatch;
			AnnotatedEndpointHandler handler = new AnnotatedEndpointHandler(beanName, bean, methods, this.registry,
					dispatch, this.executor, this.codec, this.invocationInterceptors);
			List<UpgradeCheck> upgradeChecks = new ArrayList<>();
			for (WsHandshakeInterceptor interceptor : this.interceptors) {
				if (interceptor.appliesTo(template.template())) {
					upgradeChecks.add(adapt(interceptor, template.template()));
				}
			}
			if (!methods.handshakeValues().isEmpty()) {
				upgradeChecks.add(new HandshakeValueCheck(methods.handshakeValues(), this.conversionService));
			}
			List<String> subprotocols = new ArrayList<>();
			for (String subprotocol : annotation.subprotocols()) {
				subprotocols.add(resolve(subprotocol));
			}
			created.add(new Endpoint(template.template(), handler, subprotocols, limits(beanName, annotation),
					upgradeChecks, annotation.compression()));
		}
		for (Map.Entry<String, Endpoint> entry : this.beanFactory.getBeansOfType(Endpoint.class).entrySet()) {
			PathTemplate template = parse(entry.getKey(), entry.getValue().pathTemplate());
			claim(claimed, template, entry.getKey());
			created.add(entry.getValue());
		}
		return List.copyOf(created);
	}

	static PathTemplate parse(String beanName, String path) {
		if (path.isEmpty()) {
			throw new InvalidEndpointException("@WsEndpoint bean '" + beanName + "' declares no path");
		}
		try {
			return PathTemplate.parse(path);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointException("@WsEndpoint bean '" + beanName + "': " + ex.getMessage(), ex);
		}
	}

	private static void claim(Map<PathTemplate, String> claimed, PathTemplate template, String beanName) {
		for (Map.Entry<PathTemplate, String> entry : claimed.entrySet()) {
			if (entry.getKey().matchesSamePathsAs(template)) {
				throw new InvalidEndpointException("WebSocket path '" + template.template() + "' of bean '" + beanName
						+ "' conflicts with path '" + entry.getKey().template() + "' of bean '" + entry.getValue()
						+ "': both match the same requests");
			}
		}
		claimed.put(template, beanName);
	}

	private String resolve(String value) {
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved.trim() : "";
	}

	private WsLimits limits(String beanName, WsEndpoint annotation) {
		WsLimits.Builder limits = this.defaultLimits.toBuilder();
		try {
			String frame = resolve(annotation.maxFramePayloadSize());
			if (StringUtils.hasText(frame)) {
				limits.maxFramePayloadBytes(DataSize.parse(frame).toBytes());
			}
			String message = resolve(annotation.maxMessageSize());
			if (StringUtils.hasText(message)) {
				limits.maxMessageBytes(DataSize.parse(message).toBytes());
			}
			String queue = resolve(annotation.maxOutboundQueueSize());
			if (StringUtils.hasText(queue)) {
				limits.maxOutboundQueueBytes(DataSize.parse(queue).toBytes());
			}
			String policy = resolve(annotation.slowConsumerPolicy());
			if (StringUtils.hasText(policy)) {
				limits.slowConsumerPolicy(slowConsumerPolicy(policy));
			}
			String idle = resolve(annotation.idleTimeout());
			if (StringUtils.hasText(idle)) {
				limits.idleTimeout(DurationStyle.detectAndParse(idle));
			}
			return limits.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointException(
					"@WsEndpoint bean '" + beanName + "' has an invalid limit: " + ex.getMessage(), ex);
		}
	}

	private static SlowConsumerPolicy slowConsumerPolicy(String name) {
		try {
			return SlowConsumerPolicy.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"slowConsumerPolicy '" + name + "' is not one of " + Arrays.toString(SlowConsumerPolicy.values()),
					ex);
		}
	}

	private static UpgradeCheck adapt(WsHandshakeInterceptor interceptor, String pathTemplate) {
		return (request, pathVariables, attributes) -> {
			try {
				interceptor.beforeHandshake(new HandshakeContext(request, pathTemplate, pathVariables, attributes));
			}
			catch (WsHandshakeException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// the request target is not logged: its query may carry an access token
				logger.error(
						"Handshake interceptor " + interceptor.getClass().getName() + " failed for " + request.path(),
						ex);
				throw new WsHandshakeException(500, "Internal Server Error");
			}
		};
	}

}
