package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called for each message. The message type comes from the one payload
 * parameter (the parameter without an annotation that is not a session or handshake
 * type):
 * <ul>
 * <li>{@code String}: text messages;</li>
 * <li>{@code byte[]} or {@code ByteBuffer}: binary messages;</li>
 * <li>any other type: text messages decoded from JSON with the application's Jackson
 * mapper.</li>
 * </ul>
 * An endpoint has at most one method for text and one for binary messages; a message of a
 * type without a method closes the session with 1003. A text message that cannot be
 * decoded is reported to {@link OnError} as a {@code MessageDecodingException} when the
 * endpoint has such a method (the session stays open), and otherwise closes the session
 * with 1007. A non-void return value is sent back: a {@code String} as text, bytes as
 * binary, any other object as JSON text.
 *
 * @author wsboot
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

}
