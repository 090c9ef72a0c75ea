package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method called for each pong received (RFC 6455 §5.5.3). It may take the
 * pong's application data as {@code byte[]} or {@code ByteBuffer} besides the session and
 * handshake parameters.
 *
 * @author wsboot
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnPong {

}
