package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method called when another handler method threw, when a message could not be
 * decoded ({@code MessageDecodingException}), or when the engine failed the connection.
 * It takes a {@code Throwable} (or a narrower type: other errors then get the default
 * handling) besides the session and handshake parameters. After a handler or decoding
 * error the session stays open, so the method decides whether to close it; without such a
 * method a handler error closes with 1011 and a decoding error with 1007.
 *
 * @author wsboot
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {

}
