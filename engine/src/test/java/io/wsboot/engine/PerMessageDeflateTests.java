package io.wsboot.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PerMessageDeflate}.
 */
class PerMessageDeflateTests {

	@Test
	void defaults() {
		assertThat(PerMessageDeflate.DEFAULTS).isEqualTo(new PerMessageDeflate(true, 256, 1, false, false));
	}

	@ParameterizedTest(name = "level {0}")
	@ValueSource(ints = { -1, 0, 10 })
	void levelOutsideOneToNineIsRejected(int level) {
		assertThatIllegalArgumentException().isThrownBy(() -> PerMessageDeflate.DEFAULTS.withCompressionLevel(level))
			.withMessage("compressionLevel must be between 1 and 9 but was " + level);
	}

	@ParameterizedTest(name = "level {0}")
	@ValueSource(ints = { 1, 6, 9 })
	void levelOneToNineIsAccepted(int level) {
		assertThat(PerMessageDeflate.DEFAULTS.withCompressionLevel(level).compressionLevel()).isEqualTo(level);
	}

	@Test
	void negativeThresholdIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PerMessageDeflate.DEFAULTS.withCompressionThresholdBytes(-1))
			.withMessage("compressionThresholdBytes must not be negative but was -1");
	}

	@Test
	void withersChangeOneSetting() {
		PerMessageDeflate settings = PerMessageDeflate.DEFAULTS.withEnabled(false)
			.withCompressionThresholdBytes(0)
			.withCompressionLevel(9)
			.withNoContextTakeover(true, true);
		assertThat(settings).isEqualTo(new PerMessageDeflate(false, 0, 9, true, true));
	}

	@Test
	void builderSetsEverySettingByName() {
		PerMessageDeflate settings = PerMessageDeflate.builder()
			.enabled(false)
			.compressionThresholdBytes(0)
			.compressionLevel(9)
			.serverNoContextTakeover(true)
			.clientNoContextTakeover(true)
			.build();
		assertThat(settings).isEqualTo(new PerMessageDeflate(false, 0, 9, true, true));
		assertThat(settings.toBuilder().build()).isEqualTo(settings);
		assertThat(PerMessageDeflate.builder().build()).isEqualTo(PerMessageDeflate.DEFAULTS);
	}

}
