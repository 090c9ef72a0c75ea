package io.wsboot.benchmarks.servers;

import java.nio.ByteBuffer;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.endpoint.annotation.Dispatch;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.engine.WsServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * wsboot through its Spring layer: an {@code @WsEndpoint} echo bean whose
 * {@code @OnMessage} methods return the message, with a {@link MeterRegistry} so that
 * wsboot's metrics are on once their auto-configuration is present. The same limits as
 * {@link WsbootEngineEchoServer}, set through {@code wsboot.*} properties. The echo
 * methods never block, so the endpoint may run them on the event loops
 * ({@link Dispatch#EVENT_LOOP}); with {@link Dispatch#EXECUTOR} it measures the default
 * hand-off to the handler executor instead.
 *
 * @author wsboot
 */
public final class WsbootSpringEchoServer extends AbstractEchoServer<ConfigurableApplicationContext> {

	private static final String METRICS_AUTO_CONFIGURATION = "io.wsboot.autoconfigure.metrics.WsMetricsAutoConfiguration";

	private final Dispatch dispatch;

	/**
	 * Create a server whose endpoint runs its methods as {@code dispatch} says.
	 * @param dispatch {@link Dispatch#EVENT_LOOP} or {@link Dispatch#EXECUTOR}
	 */
	public WsbootSpringEchoServer(Dispatch dispatch) {
		if (dispatch == Dispatch.DEFAULT) {
			throw new IllegalArgumentException("choose EVENT_LOOP or EXECUTOR");
		}
		this.dispatch = dispatch;
	}

	static boolean hasMetrics() {
		return ClassUtils.isPresent(METRICS_AUTO_CONFIGURATION, WsbootSpringEchoServer.class.getClassLoader());
	}

	@Override
	public int start(int port) {
		String unlimited = Integer.toString(WsbootEngineEchoServer.UNLIMITED_CONNECTIONS);
		String maxMessage = (MAX_MESSAGE_BYTES / (1024 * 1024)) + "MB";
		Class<?> endpoint = (this.dispatch == Dispatch.EVENT_LOOP) ? EchoEndpoint.class : ExecutorEchoEndpoint.class;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class, endpoint)
			.web(WebApplicationType.NONE)
			.properties(Map.of("wsboot.server.address", "127.0.0.1", "wsboot.server.port", Integer.toString(port),
					"wsboot.server.max-connections", unlimited, "wsboot.server.max-connections-per-address", unlimited,
					"wsboot.limits.max-pending-handshakes", unlimited, "wsboot.limits.max-frame-payload-size",
					maxMessage, "wsboot.limits.max-message-size", maxMessage, "spring.main.banner-mode", "off",
					"spring.main.log-startup-info", "false", "logging.level.root", "warn"))
			.run();
		stopOnClose(context);
		WsServer server = context.getBean(WsServerLifecycle.class).getServer();
		if (server == null) {
			throw new IllegalStateException("the wsboot server did not start");
		}
		return server.port();
	}

	@Override
	public String transport() {
		String dispatch = (this.dispatch == Dispatch.EVENT_LOOP) ? "handlers on the event loops"
				: "handlers on the executor";
		return hasMetrics() ? "NIO (metrics on, " + dispatch + ")"
				: "NIO (" + dispatch + ", metrics auto-configuration not merged yet)";
	}

	@Override
	protected void stop(ConfigurableApplicationContext context) {
		context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	/**
	 * Echoes each message by returning it; the endpoints below say where the methods run.
	 */
	public abstract static class Echo {

		/**
		 * Echo a text message.
		 * @param message the message
		 * @return the same message
		 */
		@OnMessage
		public String text(String message) {
			return message;
		}

		/**
		 * Echo a binary message.
		 * @param message the message
		 * @return the same message
		 */
		@OnMessage
		public ByteBuffer binary(ByteBuffer message) {
			return message;
		}

	}

	/**
	 * The echo on the event loop that read the message: the methods never block.
	 */
	@WsEndpoint(path = PATH, dispatch = Dispatch.EVENT_LOOP)
	public static class EchoEndpoint extends Echo {

	}

	/**
	 * The same echo on the handler executor, the default dispatch.
	 */
	@WsEndpoint(PATH)
	public static class ExecutorEchoEndpoint extends Echo {

	}

}
