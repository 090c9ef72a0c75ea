package io.wsboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Value;

/**
 * Injects the port that the wsboot server bound, for tests with
 * {@code wsboot.server.port=0}: a shortcut for {@code @Value("${local.wsboot.port}")}.
 *
 * @author wsboot
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Value("${local.wsboot.port}")
public @interface LocalWsPort {

}
