package io.wsboot.endpoint.codec;

import java.lang.reflect.Type;

/**
 * A message could not be decoded into the type of a handler's payload parameter. The
 * message text is deliberately not part of the exception message (it may hold secrets);
 * the cause has the decoder's details.
 *
 * @author wsboot
 */
public class MessageDecodingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Type targetType;

	/**
	 * Create an exception.
	 * @param targetType the type that the message was decoded into
	 * @param cause the decoder's exception
	 */
	public MessageDecodingException(Type targetType, Throwable cause) {
		super("cannot decode message as " + targetType.getTypeName(), cause);
		this.targetType = targetType;
	}

	/**
	 * Return the type that the message was decoded into.
	 * @return the target type
	 */
	public Type getTargetType() {
		return this.targetType;
	}

}
