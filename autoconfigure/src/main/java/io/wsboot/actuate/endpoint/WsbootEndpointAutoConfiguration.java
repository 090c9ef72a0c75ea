package io.wsboot.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.metrics.TrafficRecorder;
import io.wsboot.autoconfigure.metrics.TrafficRecorderConfiguration;
import io.wsboot.autoconfigure.metrics.WsMetricsAutoConfiguration;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.session.SessionRegistry;
import io.wsboot.engine.Endpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.util.function.SingletonSupplier;

/**
 * Auto-configuration of the {@code wsboot} actuator endpoint, when actuator is there and
 * the endpoint is available (exposed through
 * {@code management.endpoints.web.exposure.include}).
 *
 * @author wsboot
 */
@AutoConfiguration(after = { WsAutoConfiguration.class, WsMetricsAutoConfiguration.class })
@ConditionalOnClass({ org.springframework.boot.actuate.endpoint.annotation.Endpoint.class,
		ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(WsServerLifecycle.class)
@ConditionalOnAvailableEndpoint(WsbootEndpoint.class)
@Import(TrafficRecorderConfiguration.class)
@ImportRuntimeHints(WsbootEndpointRuntimeHints.class)
public final class WsbootEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsbootEndpoint wsbootEndpoint(WsServerLifecycle lifecycle, TrafficRecorder recorder,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<SessionRegistry> registry) {
		SingletonSupplier<Map<String, String>> beanNames = SingletonSupplier.of(() -> beanNamesByPath(beanFactory));
		WsbootEndpoint endpoint = new WsbootEndpoint(lifecycle::getServer, recorder,
				(path) -> beanNames.obtain().get(path));
		registry.ifAvailable((sessions) -> endpoint.setUsers(sessions::users));
		return endpoint;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(WsbootEndpoint.class)
	WsbootEndpointWebExtension wsbootEndpointWebExtension(WsbootEndpoint endpoint) {
		return new WsbootEndpointWebExtension(endpoint);
	}

	/**
	 * Map each path to the bean that declares it, once every bean exists.
	 */
	private static Map<String, String> beanNamesByPath(ConfigurableListableBeanFactory beanFactory) {
		Map<String, String> names = new LinkedHashMap<>();
		for (String name : beanFactory.getBeanNamesForAnnotation(WsEndpoint.class)) {
			WsEndpoint annotation = beanFactory.findAnnotationOnBean(name, WsEndpoint.class);
			String path = (annotation != null) ? beanFactory.resolveEmbeddedValue(annotation.path()) : null;
			if (path != null) {
				names.put(path.trim(), name);
			}
		}
		for (String name : beanFactory.getBeanNamesForType(Endpoint.class, false, false)) {
			Endpoint endpoint = beanFactory.getBean(name, Endpoint.class);
			names.put(endpoint.pathTemplate(), name);
		}
		return names;
	}

}
