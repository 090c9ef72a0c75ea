package io.wsboot.benchmarks.servers;

import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Spring Boot 4's {@code spring-boot-starter-websocket} on embedded Tomcat (its NIO
 * connector): what a user would pick instead of wsboot. Tomcat allocates each session's
 * message buffers up front at their configured size, so they are set to the largest
 * message of the scenarios (64 KiB) rather than {@link #MAX_MESSAGE_BYTES}; the
 * connection limit is lifted.
 *
 * @author wsboot
 */
public final class SpringTomcatEchoServer extends AbstractEchoServer<ConfigurableApplicationContext> {

	/** Tomcat's per-session message buffers: the largest scenario message, 64 KiB. */
	static final int MESSAGE_BUFFER_BYTES = 64 * 1024;

	@Override
	public int start(int port) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.SERVLET)
			.properties(Map.of("server.address", "127.0.0.1", "server.port", Integer.toString(port),
					"server.tomcat.max-connections", "1000000", "server.tomcat.accept-count", "4096",
					"spring.main.banner-mode", "off", "spring.main.log-startup-info", "false", "logging.level.root",
					"warn", "spring.jmx.enabled", "false"))
			.run();
		stopOnClose(context);
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	protected void stop(ConfigurableApplicationContext context) {
		context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "io.wsboot.autoconfigure.WsAutoConfiguration")
	@EnableWebSocket
	static class Application implements WebSocketConfigurer {

		@Override
		public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
			registry.addHandler(new EchoHandler(), PATH);
		}

		@Bean
		ServletServerContainerFactoryBean webSocketContainer() {
			ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
			container.setMaxTextMessageBufferSize(MESSAGE_BUFFER_BYTES);
			container.setMaxBinaryMessageBufferSize(MESSAGE_BUFFER_BYTES);
			return container;
		}

	}

	private static final class EchoHandler extends AbstractWebSocketHandler {

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
			session.sendMessage(message);
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
			session.sendMessage(message);
		}

	}

}
