package io.wsboot.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publications every millisecond while 50 clients resume at random positions: each
 * client's offsets are contiguous, without duplicates, up to the last publication.
 */
@Timeout(120)
class StreamsRaceTests {

	private static final int CLIENTS = 50;

	private static final int PUBLISHED_BEFORE = 300;

	private static final int PUBLISHED_DURING = 2000;

	private static final int LAST_OFFSET = PUBLISHED_BEFORE + PUBLISHED_DURING;

	private StreamsNode node;

	@BeforeEach
	void start() {
		this.node = StreamsNode.start("wsboot.streams.history-size=" + (2 * LAST_OFFSET));
	}

	@AfterEach
	void stop() {
		this.node.close();
	}

	@Test
	@DisplayName("50 clients resume at random positions while a publication is made every millisecond")
	void everyClientGetsContiguousOffsetsWithoutDuplicates() throws Exception {
		WsStreams streams = this.node.streams();
		String epoch = null;
		for (int i = 1; i <= PUBLISHED_BEFORE; i++) {
			epoch = streams.publish("room:race", i).epoch();
		}
		AtomicLong published = new AtomicLong(PUBLISHED_BEFORE);
		ScheduledExecutorService publisher = Executors.newSingleThreadScheduledExecutor();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<CompletableFuture<Result>> results = new ArrayList<>();
		try {
			publisher.scheduleAtFixedRate(() -> {
				if (published.get() < LAST_OFFSET) {
					streams.publish("room:race", published.incrementAndGet());
				}
			}, 0, 1, TimeUnit.MILLISECONDS);
			for (int i = 0; i < CLIENTS; i++) {
				// spread the resumes over the publishing
				long startAt = PUBLISHED_BEFORE + (long) i * (PUBLISHED_DURING / CLIENTS) / 2;
				await().atMost(Duration.ofSeconds(60)).until(() -> published.get() >= startAt);
				long since = ThreadLocalRandom.current().nextLong(published.get());
				StreamPosition position = new StreamPosition(epoch, since);
				results.add(CompletableFuture.supplyAsync(() -> resume(position), clients));
			}
			for (CompletableFuture<Result> future : results) {
				Result result = future.get(90, TimeUnit.SECONDS);
				assertThat(result.recovered()).as("resumed from %d", result.since()).isTrue();
				assertThat(result.offsets()).as("resumed from %d", result.since())
					.hasSize((int) (LAST_OFFSET - result.since()));
				for (int i = 0; i < result.offsets().size(); i++) {
					assertThat(result.offsets().get(i)).as("resumed from %d", result.since())
						.isEqualTo(result.since() + 1 + i);
				}
			}
		}
		finally {
			publisher.shutdownNow();
			clients.shutdownNow();
		}
	}

	private Result resume(StreamPosition since) {
		try (StreamsTestClient client = this.node.connect()) {
			JsonNode subscribed = client.subscribe("room:race", since);
			List<Long> offsets = new ArrayList<>();
			long offset = since.offset();
			while (offset < LAST_OFFSET) {
				JsonNode publication = client.next();
				offset = publication.get("offset").asLong();
				assertThat(publication.get("data").asLong()).isEqualTo(offset);
				offsets.add(offset);
			}
			client.expectNothing(Duration.ofMillis(50));
			return new Result(since.offset(), subscribed.get("recovered").asBoolean(), offsets);
		}
	}

	record Result(long since, boolean recovered, List<Long> offsets) {

	}

}
