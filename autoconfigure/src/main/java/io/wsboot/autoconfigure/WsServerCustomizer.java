package io.wsboot.autoconfigure;

import io.wsboot.engine.ServerConfig;

/**
 * Adjusts the engine's {@link ServerConfig} after the {@code wsboot.*} properties were
 * applied: permessage-deflate settings, a listener, anything the properties do not cover.
 * Customizer beans are applied in {@code @Order}.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface WsServerCustomizer {

	/**
	 * Return the configuration to use, typically derived with one of its {@code with...}
	 * methods or its {@link ServerConfig#toBuilder() builder}.
	 * @param config the configuration so far
	 * @return the new configuration
	 */
	ServerConfig customize(ServerConfig config);

}
