package io.wsboot.autoconfigure.streams;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of streams. The properties validate themselves, so that a bad
 * value fails start-up with the property named.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot.streams")
public class WsStreamsProperties implements Validator {

	/**
	 * Whether streams, with their offsets and bounded history, are available.
	 */
	private boolean enabled = true;

	/**
	 * Most publications each stream keeps for recovery.
	 */
	private int historySize = 100;

	/**
	 * How long each publication is kept for recovery.
	 */
	private Duration historyTtl = Duration.ofMinutes(10);

	/**
	 * Path of the built-in streams endpoint, such as '/streams'; off when not set.
	 */
	private @Nullable String endpointPath;

	/**
	 * Most streams with a history-size meter of their own; the others share the tag value
	 * OTHER.
	 */
	private int maxTaggedStreams = 100;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getHistorySize() {
		return this.historySize;
	}

	public void setHistorySize(int historySize) {
		this.historySize = historySize;
	}

	public Duration getHistoryTtl() {
		return this.historyTtl;
	}

	public void setHistoryTtl(Duration historyTtl) {
		this.historyTtl = historyTtl;
	}

	public @Nullable String getEndpointPath() {
		return this.endpointPath;
	}

	public void setEndpointPath(@Nullable String endpointPath) {
		this.endpointPath = endpointPath;
	}

	public int getMaxTaggedStreams() {
		return this.maxTaggedStreams;
	}

	public void setMaxTaggedStreams(int maxTaggedStreams) {
		this.maxTaggedStreams = maxTaggedStreams;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WsStreamsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		WsStreamsProperties properties = (WsStreamsProperties) target;
		if (properties.getHistorySize() < 1) {
			errors.rejectValue("historySize", "min", "must be at least 1");
		}
		Duration ttl = properties.getHistoryTtl();
		if (ttl == null || ttl.isNegative() || ttl.isZero()) {
			errors.rejectValue("historyTtl", "positive", "must be positive");
		}
		String path = properties.getEndpointPath();
		if (path != null && !path.isEmpty() && !path.startsWith("/")) {
			errors.rejectValue("endpointPath", "path", "must start with '/'");
		}
		if (properties.getMaxTaggedStreams() < 1) {
			errors.rejectValue("maxTaggedStreams", "min", "must be at least 1");
		}
	}

}
