package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method called once a session opened, before any of its messages. It may take
 * the session ({@code EndpointSession} or the engine's {@code WsSession}), the
 * {@code HandshakeRequest}, and {@link PathParam}, {@link QueryParam} and
 * {@link HandshakeHeader} parameters. A non-void return value is sent to the client.
 *
 * @author wsboot
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnOpen {

}
