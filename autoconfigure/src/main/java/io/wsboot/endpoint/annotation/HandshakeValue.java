package io.wsboot.endpoint.annotation;

import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * A handler parameter bound to a path variable, query parameter or header of the upgrade
 * request, converted with the {@link ConversionService}.
 *
 * @param source where the value comes from
 * @param name the variable, parameter or header name
 * @param type the parameter's type
 * @author wsboot
 */
record HandshakeValue(Source source, String name, TypeDescriptor type) {

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private static final TypeDescriptor STRING_LIST = TypeDescriptor.collection(List.class, STRING);

	@Nullable Object resolve(HandshakeRequest request, Map<String, String> pathVariables, ConversionService conversionService) {
		if (this.source == Source.PATH) {
			return conversionService.convert(pathVariables.get(this.name), STRING, this.type);
		}
		List<String> values = (this.source == Source.QUERY) ? request.queryParameter(this.name)
				: request.headerValues(this.name);
		if (values.isEmpty()) {
			return null;
		}
		if (this.type.isCollection() || this.type.isArray()) {
			return conversionService.convert(values, STRING_LIST, this.type);
		}
		return conversionService.convert(values.get(0), STRING, this.type);
	}

	boolean canConvert(ConversionService conversionService) {
		TypeDescriptor from = (this.type.isCollection() || this.type.isArray()) ? STRING_LIST : STRING;
		return conversionService.canConvert(from, this.type);
	}

	String describe() {
		return this.source.description + " '" + this.name + "'";
	}

	enum Source {

		PATH("path variable"), QUERY("query parameter"), HEADER("header");

		private final String description;

		Source(String description) {
			this.description = description;
		}

	}

}
