package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.wsboot.endpoint.annotation.EndpointInvocationInterceptor;
import io.wsboot.endpoint.annotation.WsEndpointRegistrar;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.broadcast.LocalBroadcastFanOut;
import io.wsboot.endpoint.codec.JacksonJsonCodec;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.handshake.WsHandshakeInterceptor;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.endpoint.session.WsSessions;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsServerListener;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Auto-configuration of the wsboot WebSocket server: the engine runs on its own port
 * ({@code wsboot.server.port}, 8090 by default) and serves every {@code @WsEndpoint}
 * bean. {@code wsboot.enabled=false} turns it off.
 *
 * @author wsboot
 */
// after task execution: our executor bean must not make Boot's applicationTaskExecutor
// back off
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "wsboot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WsProperties.class)
public final class WsAutoConfiguration {

	/** Spring Boot's default {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/** Name of the executor bean that runs handler methods. */
	static final String TASK_EXECUTOR_BEAN_NAME = "wsbootTaskExecutor";

	@Bean
	@ConditionalOnMissingBean
	ServerConfig wsServerConfig(WsProperties properties, ObjectProvider<WsServerCustomizer> customizers,
			ObjectProvider<SslBundles> sslBundles) {
		ServerConfig config = new WsPropertiesMapper(properties).toServerConfig()
			.tls(WsTls.from(properties.getServer().getSsl(), sslBundles))
			.build();
		for (WsServerCustomizer customizer : customizers.orderedStream().toList()) {
			config = customizer.customize(config);
		}
		return config;
	}

	@Bean
	@ConditionalOnMissingBean
	SessionRegistry wsSessionRegistry(ObjectProvider<JsonCodec> codec) {
		return new SessionRegistry(codec.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	BroadcastFanOut wsBroadcastFanOut(SessionRegistry registry) {
		return new LocalBroadcastFanOut(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	WsSessions wsSessions(SessionRegistry registry, BroadcastFanOut fanOut, ObjectProvider<JsonCodec> codec) {
		return new WsSessions(registry, fanOut, codec.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	WsEndpointRegistrar wsEndpointRegistrar(ConfigurableListableBeanFactory beanFactory, ServerConfig serverConfig,
			ObjectProvider<ConversionService> conversionService, ObjectProvider<JsonCodec> codec,
			SessionRegistry registry, @Qualifier(TASK_EXECUTOR_BEAN_NAME) Executor executor,
			ObjectProvider<WsHandshakeInterceptor> interceptors,
			ObjectProvider<EndpointInvocationInterceptor> invocationInterceptors, WsProperties properties) {
		WsEndpointRegistrar registrar = new WsEndpointRegistrar(beanFactory, serverConfig.limits(),
				conversionService.getIfUnique(ApplicationConversionService::getSharedInstance), codec.getIfAvailable(),
				registry, executor, properties.getEndpoint().getDispatch(), interceptors.orderedStream().toList());
		registrar.setInvocationInterceptors(invocationInterceptors.orderedStream().toList());
		return registrar;
	}

	@Bean
	@ConditionalOnMissingBean
	WsServerLifecycle wsServerLifecycle(ServerConfig serverConfig, ObjectProvider<WsServerListener> listeners,
			WsEndpointRegistrar registrar, SessionRegistry registry, ConfigurableEnvironment environment,
			ApplicationEventPublisher eventPublisher, WsProperties properties) {
		// listener beans (metrics among them) are added here rather than in the
		// ServerConfig bean, so that they observe a user-defined ServerConfig too
		List<WsServerListener> all = new ArrayList<>();
		all.add(serverConfig.listener());
		all.addAll(listeners.orderedStream().toList());
		ServerConfig config = serverConfig.withListener(WsServerListener.composite(all));
		return new WsServerLifecycle(config, registrar::getEndpoints, registry, environment, eventPublisher,
				properties.getServer().isAutoStartup());
	}

	/**
	 * Drains the server on a graceful shutdown: Boot's {@code server.shutdown}, graceful
	 * by default, applies to the wsboot port too; {@code immediate} skips the drain.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "server.shutdown", havingValue = "graceful", matchIfMissing = true)
	WsServerDrainLifecycle wsServerDrainLifecycle(WsServerLifecycle lifecycle, WsProperties properties,
			ConfigurableEnvironment environment) {
		Duration phaseTimeout = Binder.get(environment)
			.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
		return new WsServerDrainLifecycle(lifecycle, properties.getServer().getShutdown().getDrainPeriod(),
				phaseTimeout);
	}

	@Bean(name = TASK_EXECUTOR_BEAN_NAME, destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.PLATFORM)
	ExecutorService wsbootTaskExecutor(WsProperties properties) {
		WsProperties.Executor executor = properties.getExecutor();
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(executor.getThreadNamePrefix());
		// unbounded: each session's serial queue already orders its work, and rejecting a
		// task would lose a message that the engine has already accepted
		return new ThreadPoolExecutor(executor.getThreads(), executor.getThreads(), 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), threadFactory);
	}

	@Bean(name = TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = TASK_EXECUTOR_BEAN_NAME)
	@ConditionalOnThreading(Threading.VIRTUAL)
	VirtualThreadTaskExecutor wsbootVirtualTaskExecutor(WsProperties properties) {
		return new VirtualThreadTaskExecutor(properties.getExecutor().getThreadNamePrefix());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static final class JacksonCodecConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JsonCodec wsJsonCodec(ObjectProvider<JsonMapper> jsonMapper) {
			return new JacksonJsonCodec(jsonMapper.getIfAvailable(JsonMapper::new));
		}

	}

}
