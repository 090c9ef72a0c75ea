package io.wsboot.endpoint.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every case of {@link AbstractOrderingTests} with the default dispatch, the handler
 * executor, on a single event loop; and that a session whose handler blocks does not hold
 * up the other sessions of that loop.
 */
@SpringBootTest(classes = AbstractOrderingTests.Config.class,
		properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1", "wsboot.server.event-loops=1" })
class ExecutorOrderingTests extends AbstractOrderingTests {

	private static final int BLOCKING_MESSAGES = 25;

	private static final int OTHER_SESSIONS = 4;

	private static final int ROUND_TRIPS = 50;

	@Test
	void handlerThatBlocksOnOneSessionDoesNotDelayTheEchoesOfTheOthers() throws Exception {
		ExecutorService others = Executors.newFixedThreadPool(OTHER_SESSIONS);
		try (WsTestClient blocked = connect("/ordering/blocking")) {
			AtomicInteger blockedReplies = new AtomicInteger();
			// 25 messages of 200 ms each: the session stays busy for 5 s
			for (int i = 0; i < BLOCKING_MESSAGES; i++) {
				blocked.sendText("slow " + i);
			}
			CompletableFuture<Void> counting = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < BLOCKING_MESSAGES; i++) {
					blocked.awaitText(BLOCKING_TIME.multipliedBy(BLOCKING_MESSAGES * 4L));
					blockedReplies.incrementAndGet();
				}
			});
			List<CompletableFuture<Void>> echoes = new ArrayList<>();
			for (int c = 0; c < OTHER_SESSIONS; c++) {
				echoes.add(CompletableFuture.runAsync(() -> {
					try (WsTestClient client = connect("/ordering/fast")) {
						for (int i = 0; i < ROUND_TRIPS; i++) {
							client.sendText("fast " + i);
							assertThat(client.awaitText()).isEqualTo("fast " + i);
						}
					}
				}, others));
			}
			CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).join();
			// every echo of the others came back while the blocked session still waited
			// for most of its replies: they were not queued behind it
			assertThat(blockedReplies.get()).isLessThan(BLOCKING_MESSAGES);
			counting.join();
		}
		finally {
			others.shutdownNow();
		}
	}

	private WsTestClient connect(String path) {
		return WsTestClient.connect("ws://127.0.0.1:" + this.port + path);
	}

}
