package io.wsboot.endpoint.annotation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.wsboot.endpoint.annotation.EndpointIntegrationTests.Recorder;
import io.wsboot.endpoint.annotation.EndpointIntegrationTests.TestQueues;
import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static io.wsboot.endpoint.annotation.EndpointIntegrationTests.EVENT_LOOP_THREAD_PREFIX;
import static io.wsboot.endpoint.annotation.EndpointIntegrationTests.EXECUTOR_THREAD_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints of {@link EndpointIntegrationTests} with
 * {@code wsboot.endpoint.dispatch=event-loop}: return values, JSON, errors,
 * {@code @OnError}, {@code @OnClose} ordering and per-session order behave the same when
 * the handler methods run on the event loops.
 */
@SpringBootTest(classes = EndpointIntegrationTests.Config.class, properties = { "wsboot.server.port=0",
		"wsboot.server.address=127.0.0.1", "wsboot.endpoint.dispatch=event-loop" })
class EventLoopEndpointIntegrationTests {

	@LocalWsPort
	int port;

	private WsTestClient connect(String path) {
		return WsTestClient.connect("ws://127.0.0.1:" + this.port + path);
	}

	@Nested
	@DisplayName("dispatch: the thread that runs the handler methods")
	class Threads {

		@Test
		void endpointWithDefaultDispatchRunsOnTheEventLoop() throws Exception {
			EndpointIntegrationTests.assertRunsOn(connect("/thread"), "/thread", EVENT_LOOP_THREAD_PREFIX);
		}

		@Test
		void eventLoopEndpointRunsOnTheEventLoop() throws Exception {
			EndpointIntegrationTests.assertRunsOn(connect("/thread/event-loop"), "/thread/event-loop",
					EVENT_LOOP_THREAD_PREFIX);
		}

		@Test
		void executorEndpointStaysOnTheHandlerExecutor() throws Exception {
			EndpointIntegrationTests.assertRunsOn(connect("/thread/executor"), "/thread/executor",
					EXECUTOR_THREAD_PREFIX);
		}

	}

	@Nested
	@DisplayName("@OnMessage payload types and return values")
	class Payloads {

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

		@Test
		void onOpenArgumentsAndJsonReturnValuesAndPongs() {
			try (WsTestClient client = connect("/rooms/lobby/users/42")) {
				assertThat(client.awaitText()).startsWith("open room=lobby id=42 ");
				client.sendText("{\"name\":\"object\"}");
				assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"sent with sendObject\"}");
				assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"Hello object in lobby\"}");
				client.sendBinary(new byte[300]);
				assertThat(client.awaitText()).isEqualTo("bytes:300");
				client.sendPong("beat".getBytes(StandardCharsets.UTF_8));
				assertThat(client.awaitText()).isEqualTo("pong:beat");
			}
		}

	}

	@Nested
	@DisplayName("errors: 1007, 1003, 1011 and @OnError")
	class Errors {

		@Test
		void undecodableJsonWithoutOnErrorClosesWith1007() {
			try (WsTestClient client = connect("/strict")) {
				client.sendText("{not json");
				WsTestClient.Closed closed = client.awaitClose();
				assertThat(closed.code()).isEqualTo(1007);
				assertThat(closed.reason()).isEqualTo("cannot decode message");
			}
		}

		@Test
		void undecodableJsonWithOnErrorIsReportedAndSessionStaysOpen() {
			try (WsTestClient client = connect("/lenient")) {
				client.sendText("{not json");
				assertThat(client.awaitText()).isEqualTo("error:MessageDecodingException:Greeting");
				client.sendText("{\"name\":\"ok\"}");
				assertThat(client.awaitText()).isEqualTo("hi ok");
			}
		}

		@Test
		void binaryMessageToTextOnlyEndpointClosesWith1003() {
			try (WsTestClient client = connect("/strict")) {
				client.sendBinary(new byte[] { 1 });
				WsTestClient.Closed closed = client.awaitClose();
				assertThat(closed.code()).isEqualTo(1003);
				assertThat(closed.reason()).isEqualTo("binary messages are not accepted");
			}
		}

		@Test
		void handlerExceptionWithoutOnErrorClosesWith1011() {
			try (WsTestClient client = connect("/strict")) {
				client.sendText("{\"name\":\"boom\"}");
				assertThat(client.awaitClose().code()).isEqualTo(1011);
			}
		}

		@Test
		void handlerExceptionWithOnErrorIsReportedAndSessionStaysOpen() {
			try (WsTestClient client = connect("/lenient")) {
				client.sendText("{\"name\":\"boom\"}");
				assertThat(client.awaitText()).isEqualTo("error:IllegalStateException:boom");
				client.sendText("{\"name\":\"again\"}");
				assertThat(client.awaitText()).isEqualTo("hi again");
			}
		}

	}

	@Nested
	@DisplayName("@OnClose and ordering")
	class Ordering {

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

	}

}
