package io.wsboot.autoconfigure.metrics;

/**
 * The figures that the HTTP-polling comparison starts from, before any explicit size.
 *
 * @author wsboot
 */
public enum PollingPreset {

	/**
	 * Each connection's own upgrade request head, without its WebSocket-only fields, and
	 * the head of a minimal Spring MVC JSON response: {@link PollingModel#MEASURED}.
	 */
	MEASURED(PollingModel.MEASURED),

	/**
	 * The 871 header bytes per request and response often quoted for HTTP polling:
	 * {@link PollingModel#CLASSIC_871}.
	 */
	CLASSIC_871(PollingModel.CLASSIC_871);

	private final PollingModel model;

	PollingPreset(PollingModel model) {
		this.model = model;
	}

	/**
	 * Return the model of this preset.
	 * @return the model
	 */
	public PollingModel model() {
		return this.model;
	}

}
