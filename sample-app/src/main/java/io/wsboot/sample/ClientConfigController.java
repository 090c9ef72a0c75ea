package io.wsboot.sample;

import io.wsboot.autoconfigure.WsProperties;
import io.wsboot.autoconfigure.WsServerLifecycle;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the pages where the wsboot engine listens: {@code GET /config.json} answers
 * {@code {"wsScheme":"ws","wsPort":8090}}, or {@code wss} with the {@code tls} profile,
 * so that the same JavaScript works for both and follows a random test port.
 *
 * @author wsboot
 */
@RestController
class ClientConfigController {

	private final Environment environment;

	private final WsProperties properties;

	ClientConfigController(Environment environment, WsProperties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	@GetMapping("/config.json")
	ClientConfig config() {
		// the bound port, which differs from wsboot.server.port when that is 0
		Integer port = this.environment.getProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
		return new ClientConfig(this.properties.getServer().getSsl().isActive() ? "wss" : "ws",
				(port != null) ? port : this.properties.getServer().getPort());
	}

	/**
	 * Where the pages connect.
	 *
	 * @param wsScheme {@code ws} or {@code wss}
	 * @param wsPort the engine's port
	 */
	record ClientConfig(String wsScheme, int wsPort) {

	}

}
