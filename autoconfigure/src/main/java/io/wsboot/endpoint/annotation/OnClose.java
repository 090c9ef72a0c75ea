package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method called once when a session closed, after every message that the client
 * completed before the close has been handled. It may take the engine's
 * {@code CloseStatus} (1006 when the TCP connection ended without a close handshake)
 * besides the session and handshake parameters, and must return {@code void}.
 *
 * @author wsboot
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClose {

}
