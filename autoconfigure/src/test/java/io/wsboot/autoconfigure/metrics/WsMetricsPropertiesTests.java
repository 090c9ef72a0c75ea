package io.wsboot.autoconfigure.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsMetricsProperties}.
 */
class WsMetricsPropertiesTests {

	@Test
	void defaultsAreThoseOfTheMeasuredModel() {
		WsMetricsProperties properties = new WsMetricsProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getPolling().getPreset()).isEqualTo(PollingPreset.MEASURED);
		assertThat(properties.getPolling().toModel()).isEqualTo(PollingModel.MEASURED);
		assertThat(properties.getPolling().isExcludeWebsocketHeaders())
			.isEqualTo(PollingModel.MEASURED.excludeWebSocketHeaders());
		assertThat(properties.getTags().getPathVariables()).isEmpty();
		assertThat(properties.getTags().getMaxValuesPerVariable())
			.isEqualTo(WsMetricsProperties.DEFAULT_MAX_VALUES_PER_VARIABLE);
	}

	@Test
	void classicPresetTotals871Bytes() {
		WsMetricsProperties properties = new WsMetricsProperties();
		properties.getPolling().setPreset(PollingPreset.CLASSIC_871);
		PollingModel model = properties.getPolling().toModel();
		assertThat(model).isEqualTo(PollingModel.CLASSIC_871);
		assertThat(model.requestHeadBytes() + model.responseHeadBytes()).isEqualTo(871);
	}

}
