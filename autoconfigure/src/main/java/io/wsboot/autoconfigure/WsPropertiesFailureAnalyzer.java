package io.wsboot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains a {@code wsboot.*} value that {@link WsProperties} rejects as a user wrote it:
 * the property in its kebab-case form ({@code wsboot.limits.max-message-size}), the value
 * as written ({@code -1KB}, not the bound {@code -1024B}) and where it was written.
 * Boot's own analysis shows the Java field name, the converted value and, for nested
 * groups, no origin; this one runs first.
 *
 * @author wsboot
 */
class WsPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> implements Ordered {

	private static final Pattern ENGINE_REASON = Pattern.compile("[a-z][A-Za-z]* (must .*?)(?: but was .*)?");

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("wsboot");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		ValidationErrors errors = cause.getValidationErrors();
		ConfigurationPropertyName name = errors.getName();
		if (!PREFIX.equals(name) && !PREFIX.isAncestorOf(name)) {
			return null;
		}
		StringBuilder description = new StringBuilder("Failed to bind properties under '" + name + "':\n");
		List<String> properties = new ArrayList<>();
		for (ObjectError error : errors.getAllErrors()) {
			if (error instanceof FieldError fieldError) {
				String property = name + "." + DataObjectPropertyName.toDashedForm(fieldError.getField());
				properties.add(property);
				ConfigurationProperty bound = find(errors, property);
				Object value = (bound != null) ? bound.getValue() : fieldError.getRejectedValue();
				Origin origin = (bound != null) ? bound.getOrigin() : Origin.from(fieldError);
				description.append("\n    Property: ").append(property);
				description.append("\n    Value: \"").append(value).append('"');
				if (origin != null) {
					description.append("\n    Origin: ").append(origin);
				}
			}
			description.append("\n    Reason: ").append(reason(error.getDefaultMessage())).append('\n');
		}
		String action = properties.isEmpty() ? "Update your application's configuration."
				: "Update your application's configuration of " + String.join(", ", properties)
						+ " (docs/configuration.md lists each property with its default and its range).";
		return new FailureAnalysis(description.toString(), action, cause);
	}

	/**
	 * The engine's reason without the engine's field name and the converted value
	 * ({@code "maxMessageBytes must be positive but was -1024"}): the property and the
	 * value as written are shown above it.
	 */
	static @Nullable String reason(@Nullable String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = ENGINE_REASON.matcher(message);
		return matcher.matches() ? matcher.group(1) : message;
	}

	private static @Nullable ConfigurationProperty find(ValidationErrors errors, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (bound.getName().equals(name)) {
				return bound;
			}
		}
		return null;
	}

}
