package io.wsboot.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.testclient.SocketlessSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrafficRecorder} and {@link TrafficGroup}.
 */
class TrafficRecorderTests {

	private final TrafficRecorder recorder = new TrafficRecorder(new PollingModel(300L, 100, true));

	@Nested
	@DisplayName("closed totals plus live sessions")
	class Sums {

		@Test
		void closingASessionMovesItsCountersWithoutChangingTheSums() {
			SocketlessSession session = new SocketlessSession("1", "/a", Map.of());
			recorder.sessionOpened(session);
			session.stats.textMessagesIn = 2;
			session.stats.payloadBytesIn = 10;
			session.stats.messageBytesIn = 25;
			session.stats.wireBytesIn = 2 * 6 + 10;
			TrafficSnapshot live = recorder.totals();
			recorder.sessionClosed(session, CloseStatus.NORMAL, CloseInitiator.CLIENT);
			TrafficSnapshot closed = recorder.totals();
			for (TrafficSnapshot snapshot : List.of(live, closed)) {
				assertThat(snapshot.sessionsOpened()).isEqualTo(1);
				assertThat(snapshot.messagesIn()).isEqualTo(2);
				assertThat(snapshot.wireBytesIn()).isEqualTo(22);
				// 2 messages x (300 + 100) + 10 payload bytes
				assertThat(snapshot.httpEquivalentBytes()).isEqualTo(810);
				// 100 request head + 129 response + 22 frame bytes
				assertThat(snapshot.actualBytes()).isEqualTo(251);
				assertThat(snapshot.savedBytes()).isEqualTo(559);
				assertThat(snapshot.compressionSavedBytes()).isEqualTo(15);
			}
			assertThat(live.activeSessions()).isEqualTo(1);
			assertThat(closed.activeSessions()).isZero();
		}

		@Test
		void aSessionClosedTwiceCountsOnce() {
			SocketlessSession session = new SocketlessSession("1", "/a", Map.of());
			recorder.sessionOpened(session);
			recorder.sessionClosed(session, CloseStatus.NORMAL, CloseInitiator.CLIENT);
			recorder.sessionClosed(session, CloseStatus.NORMAL, CloseInitiator.CLIENT);
			assertThat(recorder.totals().sessionsOpened()).isEqualTo(1);
		}

		@Test
		void registeredEndpointsHaveGroupsBeforeAnySession() {
			TrafficRecorder byRoom = new TrafficRecorder(PollingModel.MEASURED, List.of("room"), 10);
			byRoom.register(List.of(Endpoint.of("/a", new WsHandler() {
			}), Endpoint.of("/chat/{room}", new WsHandler() {
			})));
			assertThat(byRoom.groups()).extracting(TrafficGroup::endpoint).containsExactly("/a");
			assertThat(byRoom.groups().get(0).variableTags()).containsExactly(Map.entry("room", "none"));
		}

	}

	@Nested
	@DisplayName("consistency under concurrent closes")
	class Consistency {

		@Test
		void sumsNeverDecreaseWhileSessionsCloseAndEndExact() throws Exception {
			int writers = 2;
			int sessionsPerWriter = 2_000;
			long bytesPerSession = 1_000;
			AtomicBoolean done = new AtomicBoolean();
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService executor = Executors.newFixedThreadPool(writers + 1);
			try {
				Future<Long> reader = executor.submit(() -> {
					start.await();
					long last = 0;
					long reads = 0;
					TrafficGroup group = null;
					while (!done.get() || reads == 0) {
						if (group == null) {
							List<TrafficGroup> groups = recorder.groups();
							group = groups.isEmpty() ? null : groups.get(0);
							continue;
						}
						long now = group.sum(TrafficMeasure.WIRE_BYTES_IN);
						assertThat(now).isGreaterThanOrEqualTo(last);
						last = now;
						reads++;
					}
					return reads;
				});
				List<Future<?>> writing = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					int writer = w;
					writing.add(executor.submit(() -> {
						start.await();
						for (int i = 0; i < sessionsPerWriter; i++) {
							SocketlessSession session = new SocketlessSession(writer + "-" + i, "/a", Map.of());
							recorder.sessionOpened(session);
							for (int b = 0; b < 10; b++) {
								session.stats.wireBytesIn += bytesPerSession / 10;
							}
							recorder.sessionClosed(session, CloseStatus.NORMAL, CloseInitiator.CLIENT);
						}
						return null;
					}));
				}
				start.countDown();
				for (Future<?> writer : writing) {
					writer.get(30, TimeUnit.SECONDS);
				}
				done.set(true);
				assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
			}
			finally {
				executor.shutdownNow();
			}
			TrafficSnapshot totals = recorder.totals();
			assertThat(totals.sessionsOpened()).isEqualTo(writers * sessionsPerWriter);
			assertThat(totals.wireBytesIn()).isEqualTo(writers * sessionsPerWriter * bytesPerSession);
		}

	}

}
