package io.wsboot.streams;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsboot.autoconfigure.streams.WsStreamsAutoConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A whole application with the streams endpoint on {@code /streams} (clients may publish
 * to {@code chat:*}), on its own port; with the cluster properties it joins a Redis
 * cluster. Public so that the cluster tests use it too.
 */
public final class StreamsNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private StreamsNode(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a node.
	 * @param extraProperties properties added to the defaults
	 * @return the node
	 */
	public static StreamsNode start(String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
				"wsboot.streams.endpoint-path=/streams", "wsboot.server.max-connections-per-address=5000",
				"spring.main.banner-mode=off"));
		properties.addAll(List.of(extraProperties));
		return new StreamsNode(new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run());
	}

	/**
	 * Return the node's WebSocket port.
	 * @return the port
	 */
	public int port() {
		return this.context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
	}

	/**
	 * Return the node's streams.
	 * @return the bean
	 */
	public WsStreams streams() {
		return this.context.getBean(WsStreams.class);
	}

	/**
	 * Return the node's context.
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Connect a client to the node's streams endpoint.
	 * @return the client
	 */
	public StreamsTestClient connect() {
		return StreamsTestClient.connect(port(), "/streams");
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
			WsClusterAutoConfiguration.class, WsAutoConfiguration.class, WsStreamsAutoConfiguration.class })
	static class Config {

		@Bean
		StreamPublishPolicy chatMayPublish() {
			return StreamPublishPolicy.allowing("chat:*");
		}

	}

}
