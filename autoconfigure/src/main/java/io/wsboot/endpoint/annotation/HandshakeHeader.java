package io.wsboot.endpoint.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter to a header of the upgrade request, converted to the parameter's type
 * ({@code List} and arrays get every value). A missing header is {@code null} (primitive
 * types are therefore not allowed); a value that cannot be converted rejects the
 * handshake with 400.
 *
 * @author wsboot
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandshakeHeader {

	/**
	 * The name of the header, in any case.
	 * @return the header name
	 */
	String value();

}
