package io.wsboot.endpoint.annotation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The handler methods of one endpoint, by event, and the handshake values they bind.
 *
 * @param open the {@code @OnOpen} method
 * @param text the {@code @OnMessage} method for text messages
 * @param binary the {@code @OnMessage} method for binary messages
 * @param pong the {@code @OnPong} method
 * @param close the {@code @OnClose} method
 * @param error the {@code @OnError} method
 * @param handshakeValues the path variables, query parameters and headers bound by any
 * method, checked during the handshake
 * @author wsboot
 */
record EndpointMethods(@Nullable EndpointMethod open, @Nullable EndpointMethod text, @Nullable EndpointMethod binary,
		@Nullable EndpointMethod pong, @Nullable EndpointMethod close, @Nullable EndpointMethod error,
		List<HandshakeValue> handshakeValues) {

}
