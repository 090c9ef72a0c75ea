package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to a variable of the endpoint's path template, converted to the
 * parameter's type with the application's {@code ConversionService}. A value that cannot
 * be converted rejects the handshake with 400.
 *
 * @author wsboot
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathParam {

	/**
	 * The name of the path variable; it must be a variable of the template.
	 * @return the variable name
	 */
	String value();

}
