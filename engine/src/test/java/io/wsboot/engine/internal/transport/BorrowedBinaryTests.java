package io.wsboot.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that borrows binary messages ({@link WsHandler#borrowsBinaryMessages()}):
 * what it sends from the lent view reaches the peer byte for byte, also when the socket
 * takes it only in part and the read buffer is needed again before the rest is written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BorrowedBinaryTests {

	private static final String ECHO_PATH = "/borrowed-echo";

	private static final String SLICE_PATH = "/borrowed-slice";

	private static final String BROADCAST_PATH = "/borrowed-broadcast";

	private static final int MESSAGE_BYTES = 4096;

	private static final WsLimits LIMITS = WsLimits.builder()
		.maxFramePayloadBytes(1024 * 1024)
		.maxMessageBytes(1024 * 1024)
		.maxOutboundQueueBytes(64 * 1024 * 1024)
		.build();

	private static final int SMALL_RECEIVE_BUFFER_BYTES = 4096;

	private EchoServerFixture fixture;

	@AfterEach
	void stopServer() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	private void start(int eventLoops, Endpoint... endpoints) throws IOException {
		this.fixture = EchoServerFixture.start((config) -> config.withEventLoops(eventLoops), endpoints);
	}

	private static List<byte[]> randomMessages(int count, int bytes, long seed) {
		Random random = new Random(seed);
		List<byte[]> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] message = new byte[bytes];
			random.nextBytes(message);
			messages.add(message);
		}
		return messages;
	}

	/** All frames in one write, so that many arrive in one read. */
	private static byte[] masked(List<byte[]> messages) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] message : messages) {
			out.writeBytes(ClientFrames.frame(true, 0, ClientFrames.BINARY, message));
		}
		return out.toByteArray();
	}

	private static void assertReceives(RawWsClient client, List<byte[]> expected) throws IOException {
		assertReceivesFrames(client, expected.stream().map(BorrowedBinaryTests::binaryFrame).toList());
	}

	private static void assertReceivesFrames(RawWsClient client, List<ServerFrame> expected) throws IOException {
		for (int i = 0; i < expected.size(); i++) {
			ServerFrame frame = client.readFrame();
			assertThat(frame.opcode()).as("opcode of message %d", i).isEqualTo(expected.get(i).opcode());
			assertThat(frame.payload()).as("message %d", i).isEqualTo(expected.get(i).payload());
		}
	}

	private static ServerFrame binaryFrame(byte[] payload) {
		return new ServerFrame(new byte[0], true, 0, ClientFrames.BINARY, payload);
	}

	@Nested
	@DisplayName("RFC 6455 §5.6 binary data sent from a borrowed buffer")
	class Echo {

		@Test
		void everyMessageOfSeveralConnectionsIsEchoedExactly() throws IOException {
			start(1, Endpoint.of(ECHO_PATH, new BorrowingEcho()).withLimits(LIMITS));
			List<RawWsClient> clients = new ArrayList<>();
			List<List<byte[]>> sent = new ArrayList<>();
			for (int c = 0; c < 3; c++) {
				RawWsClient client = BorrowedBinaryTests.this.fixture.connect();
				client.upgrade(ECHO_PATH);
				List<byte[]> messages = randomMessages(50, MESSAGE_BYTES, c);
				client.send(masked(messages));
				clients.add(client);
				sent.add(messages);
			}
			for (int c = 0; c < clients.size(); c++) {
				assertReceives(clients.get(c), sent.get(c));
			}
		}

		@Test
		void framesTheSocketTookInPartAreCopiedBeforeTheReadBufferIsReused() throws IOException {
			start(1, Endpoint.of(ECHO_PATH, new BorrowingEcho()).withLimits(LIMITS));
			RawWsClient client = BorrowedBinaryTests.this.fixture.connect(SMALL_RECEIVE_BUFFER_BYTES);
			client.upgrade(ECHO_PATH);
			// 32 MiB echoed to a client that reads nothing until it has sent it all: far
			// more than the socket buffers, so most frames wait in the queue while later
			// reads reuse the read buffer their payload was lent from
			List<byte[]> messages = randomMessages(8192, MESSAGE_BYTES, 42);
			client.send(masked(messages));
			assertReceives(client, messages);
		}

		@Test
		void largeMessagesWrittenFromTheViewAreEchoedExactly() throws IOException {
			start(1, Endpoint.of(ECHO_PATH, new BorrowingEcho()).withLimits(LIMITS));
			RawWsClient client = BorrowedBinaryTests.this.fixture.connect(SMALL_RECEIVE_BUFFER_BYTES);
			client.upgrade(ECHO_PATH);
			// 32 MiB of 16 KiB payloads, each written from the view by a gathering write
			List<byte[]> messages = randomMessages(2048, 16 * 1024, 7);
			client.send(masked(messages));
			assertReceives(client, messages);
		}

		@Test
		void messagesOfRandomSizesSplitAtRandomPointsKeepTheirBytesAndOrder() throws IOException {
			// whole messages (borrowed), messages cut by a read boundary and fragmented
			// ones (owned), and text in between, from clients on two loops at once
			start(2, Endpoint.of(ECHO_PATH, new BorrowingEcho()).withLimits(LIMITS));
			int[] chunkBytes = { 333, 1500, 9000, 70_000 };
			List<RawWsClient> clients = new ArrayList<>();
			List<List<ServerFrame>> expected = new ArrayList<>();
			for (int c = 0; c < chunkBytes.length; c++) {
				RawWsClient client = BorrowedBinaryTests.this.fixture.connect();
				client.upgrade(ECHO_PATH);
				Random random = new Random(6455 + c);
				ByteArrayOutputStream wire = new ByteArrayOutputStream();
				List<ServerFrame> echoes = new ArrayList<>();
				for (int i = 0; i < 300; i++) {
					byte[] payload = new byte[random.nextInt(20_000)];
					random.nextBytes(payload);
					int kind = random.nextInt(10);
					if (kind == 0) {
						byte[] text = ("message " + i + " of client " + c).getBytes(StandardCharsets.UTF_8);
						wire.writeBytes(ClientFrames.frame(true, 0, ClientFrames.TEXT, text));
						echoes.add(new ServerFrame(new byte[0], true, 0, ClientFrames.TEXT, text));
						continue;
					}
					if (kind == 1) {
						int cut = payload.length / 2;
						wire.writeBytes(
								ClientFrames.frame(false, 0, ClientFrames.BINARY, Arrays.copyOfRange(payload, 0, cut)));
						wire.writeBytes(ClientFrames.frame(true, 0, ClientFrames.CONTINUATION,
								Arrays.copyOfRange(payload, cut, payload.length)));
					}
					else {
						wire.writeBytes(ClientFrames.frame(true, 0, ClientFrames.BINARY, payload));
					}
					echoes.add(binaryFrame(payload));
				}
				client.sendInChunks(wire.toByteArray(), chunkBytes[c]);
				clients.add(client);
				expected.add(echoes);
			}
			for (int c = 0; c < clients.size(); c++) {
				assertReceivesFrames(clients.get(c), expected.get(c));
			}
		}

		@Test
		void aSliceOfTheLentBufferIsCopied() throws IOException {
			start(1, Endpoint.of(SLICE_PATH, new SliceSender()).withLimits(LIMITS));
			RawWsClient client = BorrowedBinaryTests.this.fixture.connect(SMALL_RECEIVE_BUFFER_BYTES);
			client.upgrade(SLICE_PATH);
			List<byte[]> messages = randomMessages(1024, MESSAGE_BYTES, 3);
			client.send(masked(messages));
			List<byte[]> expected = new ArrayList<>();
			for (byte[] message : messages) {
				expected.add(Arrays.copyOfRange(message, 1, message.length));
			}
			assertReceives(client, expected);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.6 binary data sent from a borrowed buffer to other sessions")
	class Broadcast {

		@Test
		void everySessionOnEveryLoopReceivesExactBytes() throws Exception {
			Broadcaster broadcaster = new Broadcaster(3);
			start(2, Endpoint.of(BROADCAST_PATH, broadcaster).withLimits(LIMITS));
			List<RawWsClient> clients = new ArrayList<>();
			for (int c = 0; c < 3; c++) {
				RawWsClient client = BorrowedBinaryTests.this.fixture.connect();
				client.upgrade(BROADCAST_PATH);
				clients.add(client);
			}
			assertThat(broadcaster.opened.await(5, TimeUnit.SECONDS)).isTrue();
			List<byte[]> messages = randomMessages(200, MESSAGE_BYTES, 11);
			clients.get(0).send(masked(messages));
			for (RawWsClient client : clients) {
				assertReceives(client, messages);
			}
		}

	}

	/** Echoes the lent buffer itself, and text as it comes. */
	static final class BorrowingEcho implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			session.sendBinary(data);
		}

		@Override
		public boolean borrowsBinaryMessages() {
			return true;
		}

	}

	/** Sends a view of the lent buffer without its first byte. */
	static final class SliceSender implements WsHandler {

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			session.sendBinary(data.slice(data.position() + 1, data.remaining() - 1));
		}

		@Override
		public boolean borrowsBinaryMessages() {
			return true;
		}

	}

	/** Sends the lent buffer to every session. */
	static final class Broadcaster implements WsHandler {

		final List<WsSession> sessions = new CopyOnWriteArrayList<>();

		final CountDownLatch opened;

		Broadcaster(int sessions) {
			this.opened = new CountDownLatch(sessions);
		}

		@Override
		public void onOpen(WsSession session) {
			this.sessions.add(session);
			this.opened.countDown();
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			for (WsSession target : this.sessions) {
				target.sendBinary(data);
			}
		}

		@Override
		public boolean borrowsBinaryMessages() {
			return true;
		}

	}

}
