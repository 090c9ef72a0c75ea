package io.wsboot.cluster;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.cluster.ClusterEnvelope.Sequence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DuplicateFilter}: each case feeds messages in order and checks which
 * ones the filter lets through as seen for the first time.
 *
 * @author wsboot
 */
class DuplicateFilterTests {

	private final DuplicateFilter filter = new DuplicateFilter();

	@Test
	void aNumberSeenBeforeFromTheSameRunIsARepeat() {
		assertThat(firstTimes("a 7.1", "a 7.2", "a 7.2", "a 7.1")).containsExactly(true, true, false, false);
	}

	@Test
	void gapsAreNotRepeats() {
		assertThat(firstTimes("a 7.3", "a 7.10", "a 7.4")).containsExactly(true, true, false);
	}

	@Test
	void eachSenderHasItsOwnNumbers() {
		assertThat(firstTimes("a 7.5", "b 7.1", "b 7.1")).containsExactly(true, true, false);
	}

	@Test
	void aRestartedSenderStartsANewSeries() {
		assertThat(firstTimes("a 7.500", "a 8.1", "a 8.1")).containsExactly(true, true, false);
	}

	@Test
	void messagesOfAVersionOneSenderAreNeverRepeats() {
		assertThat(firstTimes("old", "old")).containsExactly(true, true);
	}

	/**
	 * Feed messages to the filter.
	 * @param messages each as {@code "<sender> <incarnation>.<number>"}, or the sender
	 * alone for a version 1 message without a sequence
	 * @return what the filter answered for each
	 */
	private List<Boolean> firstTimes(String... messages) {
		List<Boolean> answers = new ArrayList<>();
		for (String message : messages) {
			String[] parts = message.split("[ .]");
			Sequence sequence = (parts.length == 1) ? Sequence.NONE
					: new Sequence(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
			answers.add(this.filter.firstTime(parts[0], sequence));
		}
		return answers;
	}

}
