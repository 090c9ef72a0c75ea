package io.wsboot.endpoint.annotation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up failures of {@link WsEndpointRegistrar}: every invalid endpoint fails the
 * application context with the bean and the method named, before any message arrives.
 */
class WsEndpointRegistrarTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	private static ContextConsumer<AssertableApplicationContext> failsWith(String... fragments) {
		return (context) -> {
			assertThat(context).hasFailed();
			Throwable cause = context.getStartupFailure();
			while (!(cause instanceof InvalidEndpointException) && cause.getCause() != null) {
				cause = cause.getCause();
			}
			assertThat(cause).isInstanceOf(InvalidEndpointException.class);
			for (String fragment : fragments) {
				assertThat(cause).hasMessageContaining(fragment);
			}
		};
	}

	@Nested
	@DisplayName("paths")
	class Paths {

		@Test
		void duplicatePathsFailNamingBothBeans() {
			contextRunner.withBean("chatA", ChatA.class)
				.withBean("chatB", ChatB.class)
				.run(failsWith("'/chat/{name}' of bean 'chatB'", "'/chat/{room}' of bean 'chatA'",
						"both match the same requests"));
		}

		@Test
		void annotatedEndpointConflictingWithAnEndpointBeanFails() {
			contextRunner.withBean("chatA", ChatA.class)
				.withBean("rawChat", Endpoint.class, () -> Endpoint.of("/chat/{other}", new WsHandler() {
				}))
				.run(failsWith("bean 'rawChat'", "bean 'chatA'"));
		}

		@Test
		void exactPathBesideATemplateIsNoConflict() {
			contextRunner.withBean("chatA", ChatA.class)
				.withBean("lobby", Lobby.class)
				.run((context) -> assertThat(context.getBean(WsEndpointRegistrar.class).getEndpoints())
					.extracting(Endpoint::pathTemplate)
					.containsExactlyInAnyOrder("/chat/{room}", "/chat/lobby"));
		}

		@Test
		void pathWithoutLeadingSlashFails() {
			contextRunner.withBean("relative", Relative.class)
				.run(failsWith("@WsEndpoint bean 'relative'", "must start with '/'"));
		}

		@Test
		void missingPathFails() {
			contextRunner.withBean("noPath", NoPath.class).run(failsWith("bean 'noPath' declares no path"));
		}

	}

	@Nested
	@DisplayName("handler method signatures")
	class Signatures {

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.wsboot.endpoint.annotation.WsEndpointRegistrarTests#invalidEndpoints")
		void invalidSignatureFailsStartupNamingBeanAndMethod(Class<?> endpoint, String method, String problem) {
			contextRunner.withBean("bad", endpoint)
				.run(failsWith("@WsEndpoint bean 'bad' (" + endpoint.getName() + ")", method, problem));
		}

	}

	@Nested
	@DisplayName("per-endpoint limits")
	class Limits {

		@ParameterizedTest(name = "{2}")
		@MethodSource("io.wsboot.endpoint.annotation.WsEndpointRegistrarTests#invalidLimits")
		void invalidLimitFailsStartupNamingBeanAndLimit(String bean, Class<?> endpoint, String problem) {
			contextRunner.withBean(bean, endpoint)
				.run(failsWith("@WsEndpoint bean '" + bean + "' has an invalid limit", problem));
		}

	}

	static List<Arguments> invalidLimits() {
		return List.of(Arguments.of("huge", HugeLimit.class, "'huge' is not a valid data size"), Arguments.of("policy",
				BadPolicy.class, "slowConsumerPolicy 'sometimes' is not one of [CLOSE, DROP_NEWEST, DROP_OLDEST]"));
	}

	static List<Arguments> invalidEndpoints() {
		return List.of(Arguments.of(TwoOnOpen.class, "TwoOnOpen.", "has two @OnOpen methods"),
				Arguments.of(TwoTextHandlers.class, "TwoTextHandlers.", "has two @OnMessage methods for text"),
				Arguments.of(NoPayload.class, "NoPayload.message(EndpointSession)", "has no payload parameter"),
				Arguments.of(TwoPayloads.class, "TwoPayloads.message(String, String)", "is a second payload parameter"),
				Arguments.of(UnsupportedParameter.class,
						"parameter 1 (String text) of @OnOpen method " + "UnsupportedParameter.open(String)",
						"cannot be resolved"),
				Arguments.of(UnknownPathVariable.class, "UnknownPathVariable.open(String)",
						"binds path variable 'rooom', but path '/rooms/{room}' has only [room]"),
				Arguments.of(PrimitiveQueryParam.class, "PrimitiveQueryParam.open(int)", "use Integer"),
				Arguments.of(UnconvertibleParam.class, "UnconvertibleParam.open(Room)", "cannot convert String to"),
				Arguments.of(CloseReturnsValue.class, "CloseReturnsValue.close()", "must return void"),
				Arguments.of(FutureReturn.class, "FutureReturn.message(String)",
						"asynchronous return values are not supported"),
				Arguments.of(PrivateMethod.class, "PrivateMethod.open()", "must not be private"),
				Arguments.of(StaticMethod.class, "StaticMethod.open()", "must not be static"),
				Arguments.of(TwoAnnotations.class, "TwoAnnotations.both()", "has both @OnOpen and @OnClose"),
				Arguments.of(PongWithString.class, "PongWithString.pong(String)", "byte[] or ByteBuffer"),
				Arguments.of(TwoThrowables.class, "TwoThrowables.error(Throwable, Exception)",
						"takes at most one Throwable"),
				Arguments.of(CloseStatusInOpen.class, "CloseStatusInOpen.open(CloseStatus)", "cannot be resolved"));
	}

	@WsEndpoint("/chat/{room}")
	static class ChatA {

	}

	@WsEndpoint("/chat/{name}")
	static class ChatB {

	}

	@WsEndpoint("/chat/lobby")
	static class Lobby {

	}

	@WsEndpoint("chat")
	static class Relative {

	}

	@WsEndpoint
	static class NoPath {

	}

	@WsEndpoint("/x")
	static class TwoOnOpen {

		@OnOpen
		void a() {
		}

		@OnOpen
		void b() {
		}

	}

	record Message(String text) {
	}

	@WsEndpoint("/x")
	static class TwoTextHandlers {

		@OnMessage
		void text(String text) {
		}

		@OnMessage
		void json(Message message) {
		}

	}

	@WsEndpoint("/x")
	static class NoPayload {

		@OnMessage
		void message(EndpointSession session) {
		}

	}

	@WsEndpoint("/x")
	static class TwoPayloads {

		@OnMessage
		void message(String one, String two) {
		}

	}

	@WsEndpoint("/x")
	static class UnsupportedParameter {

		@OnOpen
		void open(String text) {
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class UnknownPathVariable {

		@OnOpen
		void open(@PathParam("rooom") String room) {
		}

	}

	@WsEndpoint("/x")
	static class PrimitiveQueryParam {

		@OnOpen
		void open(@QueryParam("n") int n) {
		}

	}

	static final class Room {

	}

	@WsEndpoint("/rooms/{room}")
	static class UnconvertibleParam {

		@OnOpen
		void open(@PathParam("room") Room room) {
		}

	}

	@WsEndpoint("/x")
	static class CloseReturnsValue {

		@OnClose
		String close() {
			return "bye";
		}

	}

	@WsEndpoint("/x")
	static class FutureReturn {

		@OnMessage
		CompletableFuture<String> message(String text) {
			return CompletableFuture.completedFuture(text);
		}

	}

	@WsEndpoint("/x")
	static class PrivateMethod {

		@OnOpen
		private void open() {
		}

	}

	@WsEndpoint("/x")
	static class StaticMethod {

		@OnOpen
		static void open() {
		}

	}

	@WsEndpoint("/x")
	static class TwoAnnotations {

		@OnOpen
		@OnClose
		void both() {
		}

	}

	@WsEndpoint("/x")
	static class PongWithString {

		@OnPong
		void pong(String text) {
		}

	}

	@WsEndpoint("/x")
	static class TwoThrowables {

		@OnError
		void error(Throwable one, Exception two) {
		}

	}

	@WsEndpoint("/x")
	static class CloseStatusInOpen {

		@OnOpen
		void open(CloseStatus status) {
		}

	}

	@WsEndpoint(path = "/x", maxMessageSize = "huge")
	static class HugeLimit {

	}

	@WsEndpoint(path = "/x", slowConsumerPolicy = "sometimes")
	static class BadPolicy {

	}

}
