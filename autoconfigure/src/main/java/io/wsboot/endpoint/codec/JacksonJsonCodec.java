package io.wsboot.endpoint.codec;

import java.lang.reflect.Type;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JsonCodec} backed by a Jackson 3 {@link JsonMapper}, normally the one that
 * Spring Boot auto-configures so that its modules and settings apply to messages too.
 *
 * @author wsboot
 */
public final class JacksonJsonCodec implements JsonCodec {

	private final JsonMapper mapper;

	/**
	 * Create a codec.
	 * @param mapper the mapper to use
	 */
	public JacksonJsonCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public String encode(Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON", ex);
		}
	}

	@Override
	public Object decode(String json, Type type) {
		try {
			return this.mapper.readValue(json, this.mapper.constructType(type));
		}
		catch (JacksonException ex) {
			throw new MessageDecodingException(type, ex);
		}
	}

}
