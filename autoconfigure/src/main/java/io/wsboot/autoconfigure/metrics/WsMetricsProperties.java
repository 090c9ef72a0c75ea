package io.wsboot.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the wsboot metrics and of the HTTP-polling comparison. The
 * properties validate themselves, so that a bad value fails start-up with the property
 * named.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot.metrics")
public class WsMetricsProperties implements Validator {

	/** Default number of distinct values tagged per path variable. */
	public static final int DEFAULT_MAX_VALUES_PER_VARIABLE = 100;

	/**
	 * Whether to publish the wsboot meters to Micrometer.
	 */
	private boolean enabled = true;

	private final Polling polling = new Polling();

	private final Tags tags = new Tags();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Polling getPolling() {
		return this.polling;
	}

	public Tags getTags() {
		return this.tags;
	}

	/**
	 * Create the recorder that these properties describe.
	 * @return a new recorder
	 */
	public TrafficRecorder createRecorder() {
		return new TrafficRecorder(this.polling.toModel(), this.tags.getPathVariables(),
				this.tags.getMaxValuesPerVariable());
	}

	@Override
	public boolean supports(Class<?> type) {
		return WsMetricsProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		WsMetricsProperties properties = (WsMetricsProperties) target;
		Polling polling = properties.getPolling();
		if (polling.getPreset() == null) {
			errors.rejectValue("polling.preset", "required", "must be set");
		}
		requireNotNegative(errors, "polling.requestHeadSize", polling.getRequestHeadSize());
		requireNotNegative(errors, "polling.responseHeadSize", polling.getResponseHeadSize());
		Tags tags = properties.getTags();
		for (String name : tags.getPathVariables()) {
			if (name == null || name.isBlank()) {
				errors.rejectValue("tags.pathVariables", "blank", "must not contain a blank name");
			}
		}
		if (tags.getMaxValuesPerVariable() < 1) {
			errors.rejectValue("tags.maxValuesPerVariable", "min", "must be at least 1");
		}
	}

	private static void requireNotNegative(Errors errors, String field, @Nullable DataSize size) {
		if (size != null && size.isNegative()) {
			errors.rejectValue(field, "notNegative", "must not be negative");
		}
	}

	/**
	 * What delivering each message by HTTP polling is assumed to cost.
	 */
	public static class Polling {

		/**
		 * Figures that the comparison starts from: 'measured' (each connection's own
		 * request head) or 'classic-871' (871 header bytes per message).
		 */
		private PollingPreset preset = PollingPreset.MEASURED;

		/**
		 * Size of the request head of one polling request; taken from the preset when not
		 * set.
		 */
		private @Nullable DataSize requestHeadSize;

		/**
		 * Size of the response head of one polling response; taken from the preset (105B,
		 * a minimal Spring MVC JSON response) when not set.
		 */
		private @Nullable DataSize responseHeadSize;

		/**
		 * Whether to leave the WebSocket-only header fields (Upgrade, Sec-WebSocket-*)
		 * out of a measured request head, since a polling request would not send them.
		 */
		private boolean excludeWebsocketHeaders = true;

		public PollingPreset getPreset() {
			return this.preset;
		}

		public void setPreset(PollingPreset preset) {
			this.preset = preset;
		}

		public @Nullable DataSize getRequestHeadSize() {
			return this.requestHeadSize;
		}

		public void setRequestHeadSize(@Nullable DataSize requestHeadSize) {
			this.requestHeadSize = requestHeadSize;
		}

		public @Nullable DataSize getResponseHeadSize() {
			return this.responseHeadSize;
		}

		public void setResponseHeadSize(@Nullable DataSize responseHeadSize) {
			this.responseHeadSize = responseHeadSize;
		}

		public boolean isExcludeWebsocketHeaders() {
			return this.excludeWebsocketHeaders;
		}

		public void setExcludeWebsocketHeaders(boolean excludeWebsocketHeaders) {
			this.excludeWebsocketHeaders = excludeWebsocketHeaders;
		}

		/**
		 * Return the model: the preset's, with the sizes that are set.
		 * @return the model
		 */
		public PollingModel toModel() {
			PollingModel preset = this.preset.model();
			Long requestHeadBytes = (this.requestHeadSize != null) ? Long.valueOf(this.requestHeadSize.toBytes())
					: preset.requestHeadBytes();
			long responseHeadBytes = (this.responseHeadSize != null) ? this.responseHeadSize.toBytes()
					: preset.responseHeadBytes();
			return new PollingModel(requestHeadBytes, responseHeadBytes, this.excludeWebsocketHeaders);
		}

	}

	/**
	 * Which tags the meters carry beside the endpoint's path template.
	 */
	public static class Tags {

		/**
		 * Path variables whose values become tags of every wsboot meter; none by default,
		 * since each value makes new time series.
		 */
		private List<String> pathVariables = new ArrayList<>();

		/**
		 * Maximum number of distinct values tagged per path variable; later values are
		 * tagged 'OTHER'.
		 */
		private int maxValuesPerVariable = 100;

		public List<String> getPathVariables() {
			return this.pathVariables;
		}

		public void setPathVariables(List<String> pathVariables) {
			this.pathVariables = pathVariables;
		}

		public int getMaxValuesPerVariable() {
			return this.maxValuesPerVariable;
		}

		public void setMaxValuesPerVariable(int maxValuesPerVariable) {
			this.maxValuesPerVariable = maxValuesPerVariable;
		}

	}

}
