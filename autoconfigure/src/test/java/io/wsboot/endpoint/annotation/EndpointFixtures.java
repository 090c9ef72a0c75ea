package io.wsboot.endpoint.annotation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints that {@link AbstractEndpointIntegrationTests} and its subclasses talk to,
 * and the application that registers them.
 */
final class EndpointFixtures {

	private EndpointFixtures() {
	}

	record Greeting(String name) {
	}

	record Reply(String greeting) {
	}

	static final class TestQueues {

		static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

		static final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

	}

	static final class Recorder {

		private Recorder() {
		}

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

	/**
	 * Answers each message with its own payload, through return values only.
	 */
	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echoText(String message) {
			return message;
		}

		// a ByteBuffer return value goes back as one binary message, even a read-only
		// view without an accessible array
		@OnMessage
		ByteBuffer echoBinary(ByteBuffer message) {
			return message.asReadOnlyBuffer();
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

	static Greeting failOnBoom(Greeting greeting) {
		if (greeting.name().equals("boom")) {
			throw new IllegalStateException("boom");
		}
		return greeting;
	}

	@WsEndpoint("/strict")
	static class StrictEndpoint {

		@OnMessage
		void greeting(Greeting greeting) {
			failOnBoom(greeting);
		}

	}

	@WsEndpoint("/lenient")
	static class LenientEndpoint {

		@OnMessage
		String greeting(Greeting greeting) {
			return "hi " + failOnBoom(greeting).name();
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

	/**
	 * Answers and records the name of the thread that runs each method.
	 */
	abstract static class ThreadReporter {

		@OnOpen
		String open() {
			return "open on " + thread();
		}

		@OnMessage
		String message(String text) {
			return text + " on " + thread();
		}

		@OnClose
		void close(EndpointSession session) {
			TestQueues.threads.add(session.pathTemplate() + " closed on " + thread());
		}

	}

	@WsEndpoint("/thread")
	static class DefaultDispatchEndpoint extends ThreadReporter {

	}

	@WsEndpoint(path = "/thread/event-loop", dispatch = Dispatch.EVENT_LOOP)
	static class EventLoopEndpoint extends ThreadReporter {

	}

	@WsEndpoint(path = "/thread/executor", dispatch = Dispatch.EXECUTOR)
	static class ExecutorEndpoint extends ThreadReporter {

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
			ExecutorEndpoint.class, TokenInterceptor.class, PortListener.class })
	static class Config {

	}

}
