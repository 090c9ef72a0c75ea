package io.wsboot.engine.internal.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link MessageRate}: a token bucket driven by a clock the test holds.
 *
 * @author wsboot
 */
class MessageRateTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void burstPassesAtOnceThenTheRateRefills() {
		MessageRate rate = new MessageRate(100, 200, 0);
		for (int i = 0; i < 200; i++) {
			assertThat(rate.tryTake(0)).isTrue();
		}
		assertThat(rate.tryTake(0)).isFalse();
		// 10 ms: one token at 100 a second
		assertThat(rate.tryTake(SECOND / 100)).isTrue();
		assertThat(rate.tryTake(SECOND / 100)).isFalse();
	}

	@Test
	void refillStopsAtTheBurst() {
		MessageRate rate = new MessageRate(100, 5, 0);
		int passed = 0;
		for (int i = 0; i < 100; i++) {
			if (rate.tryTake(10 * SECOND)) {
				passed++;
			}
		}
		assertThat(passed).isEqualTo(5);
	}

	@Test
	void steadyClientAtTheRateIsNeverRefused() {
		MessageRate rate = new MessageRate(100, 1, 0);
		for (int i = 1; i <= 1_000; i++) {
			assertThat(rate.tryTake(i * SECOND / 100)).isTrue();
		}
	}

	@Test
	void clockGoingBackwardsAddsNothing() {
		MessageRate rate = new MessageRate(100, 1, SECOND);
		assertThat(rate.tryTake(SECOND)).isTrue();
		assertThat(rate.tryTake(0)).isFalse();
	}

	@Test
	void rateAndBurstMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageRate(0, 1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new MessageRate(1, 0, 0));
	}

}
