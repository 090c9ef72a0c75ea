package io.wsboot.endpoint.codec;

import java.lang.reflect.Type;

/**
 * Turns objects into JSON text and back, for POJO message parameters, POJO return values,
 * {@code sendObject} and broadcasts. The auto-configured implementation uses the
 * application's Jackson {@code JsonMapper}; define a bean of this type to use another
 * library.
 *
 * @author wsboot
 */
public interface JsonCodec {

	/**
	 * Encode a value as JSON text.
	 * @param value the value
	 * @return the JSON text
	 * @throws IllegalArgumentException when the value cannot be encoded
	 */
	String encode(Object value);

	/**
	 * Decode JSON text into a value of the given type.
	 * @param json the JSON text of a message
	 * @param type the target type, possibly generic such as {@code List<ChatMessage>}
	 * @return the value, {@code null} only for the JSON literal {@code null}
	 * @throws MessageDecodingException when the text is not valid JSON for the type
	 */
	Object decode(String json, Type type) throws MessageDecodingException;

}
