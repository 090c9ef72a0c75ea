package io.wsboot.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LatencyHistogram}.
 *
 * @author wsboot
 */
class LatencyHistogramTests {

	@Test
	void smallValuesAreExact() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int value = 1; value <= 10; value++) {
			histogram.record(value);
		}
		assertThat(histogram.percentile(50)).isEqualTo(5);
		assertThat(histogram.percentile(100)).isEqualTo(10);
		assertThat(histogram.count()).isEqualTo(10);
	}

	@Test
	void largeValuesAreWithinTwoPercent() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (long value = 1; value <= 100_000; value++) {
			histogram.record(value * 1000);
		}
		assertThat(histogram.percentile(50)).isBetween(50_000_000L, 51_000_000L);
		assertThat(histogram.percentile(99)).isBetween(99_000_000L, 100_600_000L);
		assertThat(histogram.percentile(99.9)).isBetween(99_900_000L, 100_000_000L);
		assertThat(histogram.max()).isEqualTo(100_000_000L);
	}

	@Test
	void bucketsCoverEveryValueWithoutGaps() {
		for (int index = 1; index < 57 * 64; index++) {
			assertThat(LatencyHistogram.index(LatencyHistogram.upperBound(index - 1) + 1)).isEqualTo(index);
		}
	}

}
