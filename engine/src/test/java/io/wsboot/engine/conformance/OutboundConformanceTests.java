package io.wsboot.engine.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SlowConsumerPolicy;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that does not read while the server sends a lot: the outbound queue limit and
 * the slow-consumer policies, seen both on the wire and through the {@link SendResult}s
 * the sender observes.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutboundConformanceTests {

	private static final String FLOOD_PATH = "/flood";

	private static final int QUEUE_LIMIT_BYTES = 256 * 1024;

	private static final int MESSAGE_BYTES = 64 * 1024;

	/** 16 MiB in all: more than the socket buffers and the queue together. */
	private static final int MESSAGE_COUNT = 256;

	private static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private EchoServerFixture fixture;

	private FloodHandler flood;

	@AfterEach
	void stopServer() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	private RawWsClient startAndFlood(SlowConsumerPolicy policy, boolean fromOtherThread) throws IOException {
		this.flood = new FloodHandler();
		WsLimits limits = WsLimits.DEFAULTS.withOutboundQueue(QUEUE_LIMIT_BYTES, policy);
		this.fixture = EchoServerFixture.start((config) -> config,
				Endpoint.of(FLOOD_PATH, this.flood).withLimits(limits));
		RawWsClient client = this.fixture.connect(SMALL_RECEIVE_BUFFER_BYTES);
		client.upgrade(FLOOD_PATH);
		client.send(ClientFrames.text((fromOtherThread ? "flood-async " : "flood ") + MESSAGE_COUNT));
		return client;
	}

	private List<SendResult> results() throws Exception {
		List<CompletableFuture<SendResult>> futures = this.flood.flooded.get(10, TimeUnit.SECONDS);
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		return futures.stream().map(CompletableFuture::join).toList();
	}

	private static List<Integer> indicesOf(List<SendResult> results, SendResult wanted) {
		List<Integer> indices = new ArrayList<>();
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i) == wanted) {
				indices.add(i);
			}
		}
		return indices;
	}

	/**
	 * Read data frames until every send has completed and as many frames arrived as were
	 * reported SENT.
	 */
	private List<Integer> drainUntilAllSentArrived(RawWsClient client) throws Exception {
		List<Integer> received = new ArrayList<>();
		List<CompletableFuture<SendResult>> futures = this.flood.flooded.get(10, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (true) {
			// a future may complete just after its frame arrived: check between frames
			boolean allDone = futures.stream().allMatch(CompletableFuture::isDone);
			long sent = futures.stream().filter((f) -> f.isDone() && f.join() == SendResult.SENT).count();
			if (allDone && received.size() == sent) {
				return received;
			}
			assertThat(System.nanoTime() - deadline).as("drained within %s", DRAIN_TIMEOUT).isNegative();
			if (client.awaitData(POLL_INTERVAL)) {
				received.add(indexOf(client.readFrame()));
			}
		}
	}

	private static int indexOf(ServerFrame frame) {
		assertThat(frame.opcode()).as("data frame expected, got %s", frame).isEqualTo(ClientFrames.BINARY);
		assertThat(frame.payload()).hasSize(MESSAGE_BYTES);
		return ByteBuffer.wrap(frame.payload()).getInt();
	}

	@Nested
	@DisplayName("slow-consumer policy DROP_NEWEST")
	class DropNewest {

		@Test
		void overflowDropsTheNewMessagesAndKeepsTheConnection() throws Exception {
			RawWsClient client = startAndFlood(SlowConsumerPolicy.DROP_NEWEST, false);
			WsSession session = OutboundConformanceTests.this.flood.awaitOpen();
			List<Integer> received = drainUntilAllSentArrived(client);
			List<SendResult> results = results();
			assertThat(results).doesNotContain(SendResult.CLOSED).contains(SendResult.DROPPED);
			List<Integer> sent = indicesOf(results, SendResult.SENT);
			// the oldest messages were kept, in order, and every one reported SENT
			// arrived
			assertThat(sent).isNotEmpty().isEqualTo(prefix(sent.size()));
			assertThat(received).isEqualTo(sent);
			assertThat(session.stats().droppedMessages()).isEqualTo(indicesOf(results, SendResult.DROPPED).size());
			client.send(ClientFrames.text("still here"));
			assertThat(client.readFrame().text()).isEqualTo("still here");
		}

	}

	@Nested
	@DisplayName("slow-consumer policy DROP_OLDEST")
	class DropOldest {

		@Test
		void overflowDropsOlderUnstartedMessagesAndKeepsTheNewest() throws Exception {
			RawWsClient client = startAndFlood(SlowConsumerPolicy.DROP_OLDEST, false);
			List<Integer> received = drainUntilAllSentArrived(client);
			List<SendResult> results = results();
			assertThat(results).doesNotContain(SendResult.CLOSED).contains(SendResult.DROPPED);
			// the newest message always fits, so it is sent
			assertThat(results.get(MESSAGE_COUNT - 1)).isEqualTo(SendResult.SENT);
			assertThat(received).isEqualTo(indicesOf(results, SendResult.SENT));
			client.send(ClientFrames.text("still here"));
			assertThat(client.readFrame().text()).isEqualTo("still here");
		}

	}

	@Nested
	@DisplayName("slow-consumer policy CLOSE")
	class Close {

		@ParameterizedTest(name = "sending from the event loop: {0}")
		@ValueSource(booleans = { false, true })
		void overflowClosesWith1013AndReportsUnsentMessagesClosed(boolean fromOtherThread) throws Exception {
			RawWsClient client = startAndFlood(SlowConsumerPolicy.CLOSE, fromOtherThread);
			// wait until the flood is over (the overflow has happened), then read: a
			// frame
			// the server had started writing completes only while the client reads
			List<CompletableFuture<SendResult>> futures = OutboundConformanceTests.this.flood.flooded.get(10,
					TimeUnit.SECONDS);
			List<Integer> received = new ArrayList<>();
			ServerFrame frame = client.readFrame();
			while (!frame.isClose()) {
				received.add(indexOf(frame));
				frame = client.readFrame();
			}
			// RFC 6455 §7.4.1 (IANA registry): 1013, try again later
			assertThat(frame.closeCode()).isEqualTo(1013);
			List<SendResult> results = results();
			assertThat(futures).hasSize(MESSAGE_COUNT);
			// the policy never drops silently: each message was written or reported
			// CLOSED
			assertThat(results).doesNotContain(SendResult.DROPPED).contains(SendResult.CLOSED);
			List<Integer> sent = indicesOf(results, SendResult.SENT);
			assertThat(sent).isEqualTo(prefix(sent.size()));
			assertThat(received).isEqualTo(sent);
			client.send(ClientFrames.close(1013, ""));
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
			assertThat(OutboundConformanceTests.this.flood.awaitClose().code()).isEqualTo(1013);
		}

	}

	private static List<Integer> prefix(int size) {
		List<Integer> indices = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			indices.add(i);
		}
		return indices;
	}

	/**
	 * Echoes like the echo endpoint, except that {@code flood N} sends N binary messages
	 * of {@value #MESSAGE_BYTES} bytes numbered from 0, from the event loop, and
	 * {@code flood-async N} does the same from another thread.
	 */
	static final class FloodHandler extends RecordingHandler {

		final CompletableFuture<List<CompletableFuture<SendResult>>> flooded = new CompletableFuture<>();

		FloodHandler() {
			super(true);
		}

		@Override
		public void onText(WsSession session, String text) {
			if (text.startsWith("flood-async ")) {
				int count = Integer.parseInt(text.substring("flood-async ".length()));
				CompletableFuture.runAsync(() -> this.flooded.complete(sendAll(session, count)));
			}
			else if (text.startsWith("flood ")) {
				this.flooded.complete(sendAll(session, Integer.parseInt(text.substring("flood ".length()))));
			}
			else {
				super.onText(session, text);
			}
		}

		private static List<CompletableFuture<SendResult>> sendAll(WsSession session, int count) {
			List<CompletableFuture<SendResult>> results = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				ByteBuffer message = ByteBuffer.allocate(MESSAGE_BYTES);
				message.putInt(0, i);
				results.add(session.sendBinary(message));
			}
			return results;
		}

	}

}
