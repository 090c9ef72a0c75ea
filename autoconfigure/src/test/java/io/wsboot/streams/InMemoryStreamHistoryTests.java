package io.wsboot.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InMemoryStreamHistoryTests {

	private final MutableClock clock = new MutableClock();

	private final InMemoryStreamHistory history = new InMemoryStreamHistory(3, Duration.ofSeconds(10), this.clock);

	@Test
	void offsetsStartAtOneAndGrowByOneInOneEpoch() {
		StreamPublication first = this.history.append("s", "1");
		StreamPublication second = this.history.append("s", "2");
		assertThat(first.offset()).isEqualTo(1);
		assertThat(second.offset()).isEqualTo(2);
		assertThat(second.epoch()).isEqualTo(first.epoch());
		assertThat(this.history.read("other", -1).position().offset()).isZero();
	}

	@Test
	void keepsTheLastPublicationsUpToTheSize() {
		for (int i = 1; i <= 5; i++) {
			this.history.append("s", Integer.toString(i));
		}
		StreamHistory.Slice slice = this.history.read("s", 0);
		assertThat(slice.lastOffset()).isEqualTo(5);
		assertThat(slice.publications()).extracting(StreamPublication::offset).containsExactly(3L, 4L, 5L);
		assertThat(slice.covers(new StreamPosition(slice.epoch(), 2))).isTrue();
		assertThat(slice.covers(new StreamPosition(slice.epoch(), 1))).isFalse();
	}

	@Test
	void dropsPublicationsOlderThanTheTtl() {
		this.history.append("s", "old");
		this.clock.advance(Duration.ofSeconds(6));
		this.history.append("s", "new");
		this.clock.advance(Duration.ofSeconds(5));
		StreamHistory.Slice slice = this.history.read("s", 0);
		assertThat(slice.publications()).extracting(StreamPublication::data).containsExactly("new");
		assertThat(slice.covers(new StreamPosition(slice.epoch(), 0))).isFalse();
		assertThat(slice.covers(new StreamPosition(slice.epoch(), 1))).isTrue();
	}

	@Test
	void aPositionOfAnotherEpochOrBeyondTheLastOffsetIsNotCovered() {
		this.history.append("s", "1");
		StreamHistory.Slice slice = this.history.read("s", 0);
		assertThat(slice.covers(new StreamPosition("other", 0))).isFalse();
		assertThat(slice.covers(new StreamPosition(slice.epoch(), 2))).isFalse();
		assertThat(slice.covers(new StreamPosition(slice.epoch(), 1))).isTrue();
	}

	@Test
	void anotherHistoryHasAnotherEpoch() {
		InMemoryStreamHistory restarted = new InMemoryStreamHistory(3, Duration.ofSeconds(10));
		assertThat(restarted.read("s", -1).epoch()).isNotEqualTo(this.history.read("s", -1).epoch());
	}

	@Test
	void rejectsLimitsThatKeepNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryStreamHistory(0, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryStreamHistory(1, Duration.ZERO));
	}

	@Test
	void publishPolicyMatchesPatterns() {
		StreamPublishPolicy policy = StreamPublishPolicy.allowing("chat:*");
		assertThat(policy.mayPublish("chat:lobby", null)).isTrue();
		assertThat(policy.mayPublish("chat:", null)).isTrue();
		assertThat(policy.mayPublish("news", null)).isFalse();
		assertThat(policy.mayPublish("xchat:a", null)).isFalse();
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-03T12:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
