package io.wsboot.observation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end traces through a Brave tracer with an in-memory span handler: a client's
 * {@code traceparent} on the upgrade request, the handshake, the message, the
 * {@code RestClient} call the handler makes to the application's own HTTP port and that
 * HTTP request on the server form one trace, whichever thread the endpoint dispatches to.
 *
 * @author wsboot
 */
class WsTracingTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

	@Test
	void executorDispatchFormsOneTrace() {
		assertOneTrace("wsboot.endpoint.dispatch=executor");
	}

	@Test
	void eventLoopDispatchFormsOneTrace() {
		assertOneTrace("wsboot.endpoint.dispatch=event-loop");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadDispatchFormsOneTrace() {
		assertOneTrace("wsboot.endpoint.dispatch=executor", "spring.threads.virtual.enabled=true");
	}

	private void assertOneTrace(String... properties) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "wsboot.server.port=0",
					"wsboot.server.address=127.0.0.1", "management.tracing.sampling.probability=1.0")
			.properties(properties)
			.run()) {
			int port = context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
			try (WsTestClient client = WsTestClient.builder()
				.header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01")
				.connect("ws://127.0.0.1:" + port + "/traced")) {
				assertThat(client.sendText("hello").awaitText(Duration.ofSeconds(20))).isEqualTo("hello from http");
			}
			List<MutableSpan> spans = context.getBean(RecordingSpanHandler.class).spans;
			await().atMost(Duration.ofSeconds(10)).until(() -> spans.size() >= 4);
			Map<String, MutableSpan> byName = spans.stream()
				.collect(Collectors.toMap(MutableSpan::name, Function.identity(), (first, second) -> first));
			MutableSpan handshake = byName.get("websocket handshake /traced");
			MutableSpan message = byName.get("websocket message /traced");
			MutableSpan httpClient = spans.stream()
				.filter((span) -> span.kind() == brave.Span.Kind.CLIENT)
				.findFirst()
				.orElseThrow();
			MutableSpan httpServer = spans.stream()
				.filter((span) -> span.kind() == brave.Span.Kind.SERVER && span.name().startsWith("http"))
				.findFirst()
				.orElseThrow();
			assertThat(List.of(handshake, message, httpClient, httpServer))
				.allSatisfy((span) -> assertThat(span.traceId()).as(span.name()).isEqualTo(TRACE_ID));
			assertThat(handshake.parentId()).isEqualTo(CLIENT_SPAN_ID);
			assertThat(message.parentId()).isEqualTo(handshake.id());
			assertThat(httpClient.parentId()).isEqualTo(message.id());
			assertThat(httpServer.parentId()).isEqualTo(httpClient.id());
			assertThat(handshake.tags()).containsEntry("endpoint", "/traced")
				.containsEntry("outcome", "accepted")
				.containsEntry("status", "101");
			assertThat(message.tags()).containsEntry("endpoint", "/traced")
				.containsEntry("type", "text")
				.containsEntry("outcome", "success");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TracedApplication {

		@Bean
		RecordingSpanHandler recordingSpanHandler() {
			return new RecordingSpanHandler();
		}

		@Bean
		TracedEndpoint tracedEndpoint(RestClient.Builder restClient, Environment environment) {
			return new TracedEndpoint(restClient.build(), environment);
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@WsEndpoint(path = "/traced")
	static class TracedEndpoint {

		private final RestClient restClient;

		private final Environment environment;

		TracedEndpoint(RestClient restClient, Environment environment) {
			this.restClient = restClient;
			this.environment = environment;
		}

		@OnMessage
		String text(String text) {
			String port = this.environment.getRequiredProperty("local.server.port");
			return text + " "
					+ this.restClient.get().uri("http://127.0.0.1:" + port + "/hello").retrieve().body(String.class);
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "from http";
		}

	}

	/**
	 * Keeps every finished span in memory.
	 */
	static class RecordingSpanHandler extends SpanHandler {

		final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			this.spans.add(span);
			return true;
		}

	}

}
