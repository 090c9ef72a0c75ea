package io.wsboot.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DuplicateFilter}.
 *
 * @author wsboot
 */
class DuplicateFilterTests {

	private final DuplicateFilter filter = new DuplicateFilter();

	@Test
	void aNumberSeenBeforeFromTheSameRunIsARepeat() {
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 1))).isTrue();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 2))).isTrue();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 2))).isFalse();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 1))).isFalse();
	}

	@Test
	void gapsAreNotRepeats() {
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 3))).isTrue();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 10))).isTrue();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 4))).isFalse();
	}

	@Test
	void eachSenderHasItsOwnNumbers() {
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 5))).isTrue();
		assertThat(this.filter.firstTime("b", new ClusterEnvelope.Sequence(7, 1))).isTrue();
		assertThat(this.filter.firstTime("b", new ClusterEnvelope.Sequence(7, 1))).isFalse();
	}

	@Test
	void aRestartedSenderStartsANewSeries() {
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(7, 500))).isTrue();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(8, 1))).isTrue();
		assertThat(this.filter.firstTime("a", new ClusterEnvelope.Sequence(8, 1))).isFalse();
	}

	@Test
	void messagesOfAVersionOneSenderAreNeverRepeats() {
		assertThat(this.filter.firstTime("old", ClusterEnvelope.Sequence.NONE)).isTrue();
		assertThat(this.filter.firstTime("old", ClusterEnvelope.Sequence.NONE)).isTrue();
	}

}
