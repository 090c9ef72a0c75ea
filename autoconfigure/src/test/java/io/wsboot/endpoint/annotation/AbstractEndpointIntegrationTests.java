package io.wsboot.endpoint.annotation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.wsboot.endpoint.annotation.EndpointFixtures.Recorder;
import io.wsboot.endpoint.annotation.EndpointFixtures.TestQueues;
import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient.HandshakeRejectedException;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code @WsEndpoint} programming model end to end, a real server on port 0 and the
 * JDK client: the cases that every dispatch mode must pass, against the endpoints of
 * {@link EndpointFixtures}. Each subclass starts the server with one
 * {@code wsboot.endpoint.dispatch} and runs every case. The cases are not grouped in
 * {@code @Nested} classes: Spring would configure those from this class, which declares
 * them, rather than from the subclass that runs them.
 */
abstract class AbstractEndpointIntegrationTests {

	static final String EXECUTOR_THREAD_PREFIX = "wsboot-handler-";

	static final String EVENT_LOOP_THREAD_PREFIX = "wsboot-loop-";

	@LocalWsPort
	int port;

	/**
	 * Return the prefix of the threads that run an endpoint declared without a dispatch.
	 * @return the thread name prefix
	 */
	abstract String defaultDispatchThreadPrefix();

	WsTestClient connect(String path) {
		return WsTestClient.connect(uri(path));
	}

	String uri(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	@Test
	void stringReturnValueIsSentAsText() {
		try (WsTestClient client = connect("/echo")) {
			client.sendText("héllo");
			assertThat(client.awaitText()).isEqualTo("héllo");
		}
	}

	@Test
	void byteBufferReturnValueIsSentAsBinary() {
		try (WsTestClient client = connect("/echo")) {
			client.sendBinary(new byte[] { 1, 2, 3, (byte) 0xFF });
			assertThat(client.awaitBinary()).containsExactly(1, 2, 3, 0xFF);
		}
	}

	/**
	 * Connect to the arguments endpoint and read its {@code @OnOpen} answer.
	 */
	private WsTestClient joinLobby() {
		WsTestClient client = connect("/rooms/lobby/users/42");
		assertThat(client.awaitText()).startsWith("open room=lobby id=42 ");
		return client;
	}

	@Test
	void pojoIsDecodedFromJsonAndReturnValueEncodedAsJson() {
		try (WsTestClient client = joinLobby()) {
			client.sendText("{\"name\":\"Ada\"}");
			assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"Hello Ada in lobby\"}");
		}
	}

	@Test
	void byteArrayParameterReceivesBinaryMessages() {
		try (WsTestClient client = joinLobby()) {
			client.sendBinary(new byte[300]);
			assertThat(client.awaitText()).isEqualTo("bytes:300");
		}
	}

	@Test
	void pongIsDeliveredToOnPong() {
		try (WsTestClient client = joinLobby()) {
			client.sendPong("beat".getBytes(StandardCharsets.UTF_8));
			assertThat(client.awaitText()).isEqualTo("pong:beat");
		}
	}

	@Test
	void sendObjectEncodesJson() {
		try (WsTestClient client = joinLobby()) {
			client.sendText("{\"name\":\"object\"}");
			assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"sent with sendObject\"}");
			assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"Hello object in lobby\"}");
		}
	}

	@Test
	void sessionHandshakePathQueryAndHeaderArgumentsAreResolved() {
		try (WsTestClient client = WsTestClient.builder()
			.header("X-Client", "junit")
			.connect(uri("/rooms/lob%20by/users/42?tags=a&tags=b"))) {
			assertThat(client.awaitText())
				.isEqualTo("open room=lob by id=42 tags=[a, b] missing=null client=junit path=/rooms/lob%20by/users/42 "
						+ "template=/rooms/{room}/users/{id} same=true");
		}
	}

	@Test
	void unconvertiblePathVariableIsRejectedWith400() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> connect("/rooms/lobby/users/not-a-number"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void undecodableJsonWithoutOnErrorClosesWith1007() {
		WsTestClient.Closed closed = closedAfter((client) -> client.sendText("{not json"));
		assertThat(closed.code()).isEqualTo(1007);
		assertThat(closed.reason()).isEqualTo("cannot decode message");
	}

	@Test
	void undecodableJsonWithOnErrorIsReportedAndSessionStaysOpen() {
		assertReportedAndStillOpen("{not json", "error:MessageDecodingException:Greeting");
	}

	@Test
	void binaryMessageToTextOnlyEndpointClosesWith1003() {
		WsTestClient.Closed closed = closedAfter((client) -> client.sendBinary(new byte[] { 1 }));
		assertThat(closed.code()).isEqualTo(1003);
		assertThat(closed.reason()).isEqualTo("binary messages are not accepted");
	}

	@Test
	void handlerExceptionWithoutOnErrorClosesWith1011() {
		assertThat(closedAfter((client) -> client.sendText("{\"name\":\"boom\"}")).code()).isEqualTo(1011);
	}

	@Test
	void handlerExceptionWithOnErrorIsReportedAndSessionStaysOpen() {
		assertReportedAndStillOpen("{\"name\":\"boom\"}", "error:IllegalStateException:boom");
	}

	/**
	 * Send to the endpoint without {@code @OnError} and return how it closed.
	 */
	private WsTestClient.Closed closedAfter(Consumer<WsTestClient> send) {
		try (WsTestClient client = connect("/strict")) {
			send.accept(client);
			return client.awaitClose();
		}
	}

	/**
	 * Send a failing message to the endpoint with {@code @OnError}, check what it
	 * reported, and that the next message is still handled.
	 */
	private void assertReportedAndStillOpen(String message, String report) {
		try (WsTestClient client = connect("/lenient")) {
			client.sendText(message);
			assertThat(client.awaitText()).isEqualTo(report);
			client.sendText("{\"name\":\"again\"}");
			assertThat(client.awaitText()).isEqualTo("hi again");
		}
	}

	@Test
	void onCloseRunsAfterEveryMessageReceivedBeforeTheClose() throws Exception {
		WsTestClient client = connect("/ordered");
		int count = 500;
		for (int i = 0; i < count; i++) {
			client.sendText(Integer.toString(i));
		}
		client.close(1000, "bye");
		String record = Recorder.poll(TestQueues.closes);
		assertThat(record).isEqualTo("closed 1000 bye after " + count + " in order, max concurrency 1");
		client.close();
	}

	@Test
	void messagesOfEachSessionAreHandledInOrderUnderConcurrentSends() throws Exception {
		int clients = 8;
		int perClient = 200;
		ExecutorService senders = Executors.newFixedThreadPool(clients);
		try {
			CountDownLatch ready = new CountDownLatch(clients);
			List<Future<List<String>>> results = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				results.add(senders.submit(() -> {
					try (WsTestClient client = connect("/echo")) {
						ready.countDown();
						ready.await(5, TimeUnit.SECONDS);
						for (int i = 0; i < perClient; i++) {
							client.sendText(Integer.toString(i));
						}
						List<String> received = new ArrayList<>();
						for (int i = 0; i < perClient; i++) {
							received.add(client.awaitText());
						}
						return received;
					}
				}));
			}
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < perClient; i++) {
				expected.add(Integer.toString(i));
			}
			for (Future<List<String>> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
			}
		}
		finally {
			senders.shutdownNow();
		}
	}

	@Test
	void endpointWithDefaultDispatchRunsWhereTheDispatchPropertySays() throws Exception {
		assertRunsOn("/thread", defaultDispatchThreadPrefix());
	}

	@Test
	void eventLoopEndpointRunsEveryMethodOnItsConnectionsEventLoop() throws Exception {
		assertRunsOn("/thread/event-loop", EVENT_LOOP_THREAD_PREFIX);
	}

	@Test
	void executorEndpointRunsEveryMethodOnTheHandlerExecutor() throws Exception {
		assertRunsOn("/thread/executor", EXECUTOR_THREAD_PREFIX);
	}

	private void assertRunsOn(String path, String threadPrefix) throws Exception {
		try (WsTestClient client = connect(path)) {
			String open = client.awaitText();
			assertThat(open).startsWith("open on " + threadPrefix);
			String thread = open.substring("open on ".length());
			client.sendText("a");
			client.sendText("b");
			String a = client.awaitText();
			String b = client.awaitText();
			assertThat(a).startsWith("a on " + threadPrefix);
			assertThat(b).startsWith("b on " + threadPrefix);
			if (threadPrefix.equals(EVENT_LOOP_THREAD_PREFIX)) {
				// a connection stays on the loop that accepted it
				assertThat(List.of(a, b)).containsExactly("a on " + thread, "b on " + thread);
			}
			client.close(1000, "bye");
			assertThat(Recorder.poll(TestQueues.threads)).startsWith(path + " closed on " + threadPrefix);
		}
	}

}
