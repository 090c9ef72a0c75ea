package io.wsboot.streams;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

import io.wsboot.endpoint.broadcast.LocalBroadcastFanOut;
import io.wsboot.endpoint.session.SessionRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap a stream's history takes stays bounded by its size, measured after garbage
 * collection rather than guessed.
 */
class StreamsHeapTests {

	private static final int PUBLICATIONS = 10_000;

	private static final int DATA_CHARS = 2048;

	@Test
	void tenThousandPublicationsIntoAStreamLimitedTo100KeepAbout100() {
		long bounded = retainedBytes(100);
		long unbounded = retainedBytes(PUBLICATIONS);
		System.out.printf("history heap after %d publications: %d bytes with history-size 100, %d bytes with 10,000%n",
				PUBLICATIONS, bounded, unbounded);
		// 100 x 2 KB of data, plus entries and slack for the measurement
		assertThat(bounded).as("bytes retained with history-size 100").isLessThan(2 * 1024 * 1024);
		// the same measurement sees the history when it is not trimmed: 10,000 x 2 KB
		assertThat(unbounded).as("bytes retained with history-size 10,000").isGreaterThan(15 * 1024 * 1024);
	}

	private static long retainedBytes(int historySize) {
		SessionRegistry registry = new SessionRegistry(null);
		InMemoryStreamHistory history = new InMemoryStreamHistory(historySize, Duration.ofHours(1));
		long before = usedHeapAfterGc();
		try (WsStreams streams = new WsStreams(history, new LocalBroadcastFanOut(registry), registry, null)) {
			String padding = "x".repeat(DATA_CHARS - 16);
			for (int i = 0; i < PUBLICATIONS; i++) {
				streams.publishJson("room:big", "\"" + padding + i + "\"");
			}
			long after = usedHeapAfterGc();
			assertThat(history.size("room:big")).isEqualTo(Math.min(historySize, PUBLICATIONS));
			return after - before;
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
