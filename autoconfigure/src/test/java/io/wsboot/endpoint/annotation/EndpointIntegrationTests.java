package io.wsboot.endpoint.annotation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerStartedEvent;
import io.wsboot.endpoint.codec.MessageDecodingException;
import io.wsboot.endpoint.handshake.HandshakeContext;
import io.wsboot.endpoint.handshake.WsHandshakeInterceptor;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsSession;
import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient.HandshakeRejectedException;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code @WsEndpoint} programming model end to end: a real server on port 0 and the
 * JDK client.
 */
@SpringBootTest(classes = EndpointIntegrationTests.Config.class,
		properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1", "logging.level.io.wsboot=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class EndpointIntegrationTests {

	static final String EXECUTOR_THREAD_PREFIX = "wsboot-handler-";

	static final String EVENT_LOOP_THREAD_PREFIX = "wsboot-loop-";

	@LocalWsPort
	int port;

	@Autowired
	Recorder recorder;

	@Autowired
	PortListener portListener;

	private WsTestClient connect(String path) {
		return WsTestClient.connect(uri(path));
	}

	private String uri(String path) {
		return "ws://127.0.0.1:" + this.port + path;
	}

	@Test
	void portIsPublishedAsPropertyAndEvent() {
		assertThat(this.port).isPositive();
		assertThat(this.portListener.port).isEqualTo(this.port);
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
		void pojoIsDecodedFromJsonAndReturnValueEncodedAsJson() {
			try (WsTestClient client = connect("/rooms/lobby/users/42")) {
				client.awaitText();
				client.sendText("{\"name\":\"Ada\"}");
				assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"Hello Ada in lobby\"}");
			}
		}

		@Test
		void byteArrayParameterReceivesBinaryMessages() {
			try (WsTestClient client = connect("/rooms/lobby/users/42")) {
				client.awaitText();
				client.sendBinary(new byte[300]);
				assertThat(client.awaitText()).isEqualTo("bytes:300");
			}
		}

		@Test
		void pongIsDeliveredToOnPong() {
			try (WsTestClient client = connect("/rooms/lobby/users/42")) {
				client.awaitText();
				client.sendPong("beat".getBytes(StandardCharsets.UTF_8));
				assertThat(client.awaitText()).isEqualTo("pong:beat");
			}
		}

		@Test
		void sendObjectEncodesJson() {
			try (WsTestClient client = connect("/rooms/lobby/users/42")) {
				client.awaitText();
				client.sendText("{\"name\":\"object\"}");
				assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"sent with sendObject\"}");
				assertThat(client.awaitText()).isEqualTo("{\"greeting\":\"Hello object in lobby\"}");
			}
		}

	}

	@Nested
	@DisplayName("argument resolution")
	class Arguments {

		@Test
		void sessionHandshakePathQueryAndHeaderArgumentsAreResolved() {
			try (WsTestClient client = WsTestClient.builder()
				.header("X-Client", "junit")
				.connect(uri("/rooms/lob%20by/users/42?tags=a&tags=b"))) {
				assertThat(client.awaitText()).isEqualTo(
						"open room=lob by id=42 tags=[a, b] missing=null client=junit path=/rooms/lob%20by/users/42 "
								+ "template=/rooms/{room}/users/{id} same=true");
			}
		}

		@Test
		void unconvertiblePathVariableIsRejectedWith400() {
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> connect("/rooms/lobby/users/not-a-number"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
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
		void handlerExceptionWithOnErrorIsReported() {
			try (WsTestClient client = connect("/lenient")) {
				client.sendText("{\"name\":\"boom\"}");
				assertThat(client.awaitText()).isEqualTo("error:IllegalStateException:boom");
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

	@Nested
	@DisplayName("dispatch: the thread that runs the handler methods")
	class Threads {

		@Test
		void endpointWithDefaultDispatchRunsOnTheHandlerExecutorByDefault() throws Exception {
			assertRunsOn("/thread", EXECUTOR_THREAD_PREFIX);
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
			EndpointIntegrationTests.assertRunsOn(connect(path), path, threadPrefix);
		}

	}

	static void assertRunsOn(WsTestClient connected, String path, String threadPrefix) throws Exception {
		try (WsTestClient client = connected) {
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

	@Nested
	@DisplayName("handshake interceptors and browser-friendly tokens")
	class Interceptors {

		@Test
		void missingTokenIsRejectedWith401() {
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> WsTestClient.builder().subprotocols("chat.v1").connect(uri("/secure")))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
		}

		@Test
		void tokenOfferedAsSubprotocolIsAcceptedAndNeverEchoed() {
			try (WsTestClient client = WsTestClient.builder()
				.subprotocols("access_token.good-token", "chat.v1")
				.connect(uri("/secure"))) {
				assertThat(client.subprotocol()).isEqualTo("chat.v1");
				assertThat(client.awaitText()).isEqualTo("hello alice via chat.v1");
			}
		}

		@Test
		void queryStringTokenIsAcceptedAndKeptOutOfLogs(CapturedOutput output) {
			try (WsTestClient client = WsTestClient.builder()
				.subprotocols("chat.v1")
				.connect(uri("/secure?access_token=good-token"))) {
				assertThat(client.awaitText()).isEqualTo("hello alice via chat.v1");
			}
			assertThatExceptionOfType(HandshakeRejectedException.class)
				.isThrownBy(() -> WsTestClient.builder()
					.subprotocols("chat.v1")
					.connect(uri("/secure?access_token=wrong-secret-4711")))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(401));
			assertThat(output).contains("Rejected WebSocket handshake");
			assertThat(output).doesNotContain("good-token").doesNotContain("wrong-secret-4711");
		}

		@Test
		void interceptorNotApplyingToAnEndpointDoesNotRun() {
			try (WsTestClient client = connect("/echo")) {
				client.sendText("open");
				assertThat(client.awaitText()).isEqualTo("open");
			}
		}

	}

	record Greeting(String name) {
	}

	record Reply(String greeting) {
	}

	static final class TestQueues {

		static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

		static final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

	}

	static class Recorder {

		static String poll(BlockingQueue<String> queue) throws InterruptedException {
			String value = queue.poll(5, TimeUnit.SECONDS);
			assertThat(value).as("recorded value").isNotNull();
			return value;
		}

	}

	static class PortListener {

		volatile int port;

		@EventListener
		void started(WsServerStartedEvent event) {
			this.port = event.getPort();
		}

	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String text(String text) {
			return text;
		}

		@OnMessage
		ByteBuffer binary(ByteBuffer data) {
			return data;
		}

	}

	@WsEndpoint(path = "/rooms/{room}/users/{id}")
	static class ArgumentsEndpoint {

		@OnOpen
		String open(EndpointSession session, WsSession raw, HandshakeRequest request, @PathParam("room") String room,
				@PathParam("id") int id, @QueryParam("tags") List<String> tags, @QueryParam("missing") String missing,
				@HandshakeHeader("x-client") String client) {
			return "open room=" + room + " id=" + id + " tags=" + tags + " missing=" + missing + " client=" + client
					+ " path=" + session.path() + " template=" + session.pathTemplate() + " same="
					+ (session.unwrap() == raw && raw.handshakeRequest() == request);
		}

		@OnMessage
		Reply json(Greeting greeting, @PathParam("room") String room, EndpointSession session) {
			if (greeting.name().equals("object")) {
				session.sendObject(new Reply("sent with sendObject"));
			}
			return new Reply("Hello " + greeting.name() + " in " + room);
		}

		@OnMessage
		void bytes(byte[] data, EndpointSession session) {
			session.sendText("bytes:" + data.length);
		}

		@OnPong
		void pong(byte[] payload, EndpointSession session) {
			session.sendText("pong:" + new String(payload, StandardCharsets.UTF_8));
		}

	}

	@WsEndpoint("/strict")
	static class StrictEndpoint {

		@OnMessage
		void greeting(Greeting greeting) {
			if (greeting.name().equals("boom")) {
				throw new IllegalStateException("boom");
			}
		}

	}

	@WsEndpoint("/lenient")
	static class LenientEndpoint {

		@OnMessage
		String greeting(Greeting greeting) {
			if (greeting.name().equals("boom")) {
				throw new IllegalStateException("boom");
			}
			return "hi " + greeting.name();
		}

		@OnError
		String error(Throwable error) {
			if (error instanceof MessageDecodingException decoding) {
				return "error:" + error.getClass().getSimpleName() + ":"
						+ ((Class<?>) decoding.getTargetType()).getSimpleName();
			}
			return "error:" + error.getClass().getSimpleName() + ":" + error.getMessage();
		}

	}

	@WsEndpoint("/ordered")
	static class OrderedEndpoint {

		private final Map<String, List<Integer>> received = new ConcurrentHashMap<>();

		private final AtomicInteger concurrent = new AtomicInteger();

		private final AtomicInteger maxConcurrent = new AtomicInteger();

		@OnMessage
		void message(String text, EndpointSession session) throws InterruptedException {
			this.maxConcurrent.accumulateAndGet(this.concurrent.incrementAndGet(), Math::max);
			this.received.computeIfAbsent(session.id(), (id) -> new ArrayList<>()).add(Integer.parseInt(text));
			this.concurrent.decrementAndGet();
		}

		@OnClose
		void close(EndpointSession session, CloseStatus status) {
			List<Integer> messages = this.received.remove(session.id());
			boolean inOrder = true;
			for (int i = 0; i < messages.size(); i++) {
				inOrder &= messages.get(i) == i;
			}
			TestQueues.closes.add("closed " + status.code() + " " + status.reason() + " after " + messages.size()
					+ (inOrder ? " in order" : " out of order") + ", max concurrency " + this.maxConcurrent.get());
		}

	}

	static String thread() {
		return Thread.currentThread().getName();
	}

	@WsEndpoint("/thread")
	static class DefaultDispatchEndpoint {

		@OnOpen
		String open() {
			return "open on " + thread();
		}

		@OnMessage
		String message(String text) {
			return text + " on " + thread();
		}

		@OnClose
		void close() {
			TestQueues.threads.add("/thread closed on " + thread());
		}

	}

	@WsEndpoint(path = "/thread/event-loop", dispatch = Dispatch.EVENT_LOOP)
	static class EventLoopEndpoint {

		@OnOpen
		String open() {
			return "open on " + thread();
		}

		@OnMessage
		String message(String text) {
			return text + " on " + thread();
		}

		@OnClose
		void close() {
			TestQueues.threads.add("/thread/event-loop closed on " + thread());
		}

	}

	@WsEndpoint(path = "/thread/executor", dispatch = Dispatch.EXECUTOR)
	static class ExecutorEndpoint {

		@OnOpen
		String open() {
			return "open on " + thread();
		}

		@OnMessage
		String message(String text) {
			return text + " on " + thread();
		}

		@OnClose
		void close() {
			TestQueues.threads.add("/thread/executor closed on " + thread());
		}

	}

	@WsEndpoint(path = "/secure", subprotocols = "chat.v1")
	static class SecureEndpoint {

		@OnOpen
		String open(EndpointSession session) {
			return "hello " + session.attributes().get("user") + " via " + session.subprotocol();
		}

	}

	static class TokenInterceptor implements WsHandshakeInterceptor {

		@Override
		public void beforeHandshake(HandshakeContext handshake) {
			String token = handshake.subprotocolToken("access_token.");
			if (token == null) {
				token = handshake.queryParameter("access_token");
			}
			if (!"good-token".equals(token)) {
				throw handshake.reject(401, "missing or invalid token");
			}
			handshake.attributes().put("user", "alice");
		}

		@Override
		public boolean appliesTo(String pathTemplate) {
			return pathTemplate.equals("/secure");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, WsAutoConfiguration.class })
	@Import({ EchoEndpoint.class, ArgumentsEndpoint.class, StrictEndpoint.class, LenientEndpoint.class,
			OrderedEndpoint.class, SecureEndpoint.class, DefaultDispatchEndpoint.class, EventLoopEndpoint.class,
			ExecutorEndpoint.class })
	static class Config {

		@Bean
		TokenInterceptor tokenInterceptor() {
			return new TokenInterceptor();
		}

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		PortListener portListener() {
			return new PortListener();
		}

	}

}
