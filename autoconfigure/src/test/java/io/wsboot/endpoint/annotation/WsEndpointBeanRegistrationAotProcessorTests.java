package io.wsboot.endpoint.annotation;

import java.util.List;
import java.util.function.Consumer;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.CloseStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * AOT processing of {@link WsEndpoint @WsEndpoint} beans through
 * {@link WsEndpointBeanRegistrationAotProcessor}: the application context is processed as
 * {@code spring-boot:process-aot} processes it, and the runtime hints are checked with
 * {@link RuntimeHintsPredicates}.
 */
class WsEndpointBeanRegistrationAotProcessorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void handlerMethodsAreRegisteredForInvocation() {
		processAheadOfTime(this.contextRunner.withBean("room", RoomEndpoint.class), (hints) -> {
			assertThat(RuntimeHintsPredicates.reflection().onType(RoomEndpoint.class)).accepts(hints);
			for (String method : List.of("open", "message", "binary", "pong", "close", "error")) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RoomEndpoint.class, method))
					.as("reflective invocation of RoomEndpoint.%s()", method)
					.accepts(hints);
			}
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RoomEndpoint.class, "helper"))
				.rejects(hints);
		});
	}

	@Test
	void jsonPayloadAndReturnTypesHaveBindingHints() {
		processAheadOfTime(this.contextRunner.withBean("room", RoomEndpoint.class), (hints) -> {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Command.class, "text")).accepts(hints);
			// a type that is only reachable through the payload's components
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Mention.class, "user")).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reply.class, "accepted")).accepts(hints);
		});
	}

	@Test
	void endpointsFromBeanMethodsAreProcessedToo() {
		processAheadOfTime(this.contextRunner.withUserConfiguration(EndpointConfiguration.class),
				(hints) -> assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Command.class, "text"))
					.accepts(hints));
	}

	@Test
	void invalidSignatureFailsAotProcessingNamingTheMethod() {
		this.contextRunner.withBean("bad", PrimitivePayloadEndpoint.class)
			.prepare((context) -> assertThatException()
				.isThrownBy(() -> process((GenericApplicationContext) context.getSourceApplicationContext()))
				.satisfies((ex) -> assertThat(invalidEndpointCause(ex))
					.hasMessageContaining("@WsEndpoint bean 'bad' (" + PrimitivePayloadEndpoint.class.getName() + ")")
					.hasMessageContaining("PrimitivePayloadEndpoint.message(int)")
					.hasMessageContaining("cannot be a message payload")));
	}

	@Test
	void jsonPayloadWithoutJsonCodecFailsAotProcessing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withBean("room", RoomEndpoint.class)
			.prepare((context) -> assertThatException()
				.isThrownBy(() -> process((GenericApplicationContext) context.getSourceApplicationContext()))
				.satisfies((ex) -> assertThat(invalidEndpointCause(ex)).hasMessageContaining("RoomEndpoint.message(")
					.hasMessageContaining("there is no JsonCodec bean")));
	}

	@Test
	void pathOnlyKnownAtRunTimeLeavesThePathCheckToStartup() {
		processAheadOfTime(this.contextRunner.withBean("late", LatePathEndpoint.class),
				(hints) -> assertThat(
						RuntimeHintsPredicates.reflection().onMethodInvocation(LatePathEndpoint.class, "message"))
					.accepts(hints));
	}

	private static void processAheadOfTime(ApplicationContextRunner runner, Consumer<RuntimeHints> hints) {
		runner.prepare(
				(context) -> hints.accept(process((GenericApplicationContext) context.getSourceApplicationContext())));
	}

	static RuntimeHints process(GenericApplicationContext context) {
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new org.springframework.aot.generate.ClassNameGenerator(
						ClassName.get(WsEndpointBeanRegistrationAotProcessorTests.class)),
				new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return generationContext.getRuntimeHints();
	}

	private static Throwable invalidEndpointCause(Throwable failure) {
		Throwable cause = failure;
		while (!(cause instanceof InvalidEndpointException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		assertThat(cause).isInstanceOf(InvalidEndpointException.class);
		return cause;
	}

	record Mention(String user) {
	}

	record Command(String text, List<Mention> mentions) {
	}

	record Reply(boolean accepted) {
	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		@OnOpen
		void open(EndpointSession session, @PathParam("room") String room) {
		}

		@OnMessage
		Reply message(Command command, @PathParam("room") String room) {
			return new Reply(!command.text().isEmpty());
		}

		@OnMessage
		void binary(byte[] data) {
		}

		@OnPong
		void pong(byte[] data) {
		}

		@OnClose
		void close(CloseStatus status) {
		}

		@OnError
		void error(Throwable error) {
		}

		String helper() {
			return "not a handler";
		}

	}

	@WsEndpoint("/bad")
	static class PrimitivePayloadEndpoint {

		@OnMessage
		void message(int payload) {
		}

	}

	@WsEndpoint("${late.path}/{id}")
	static class LatePathEndpoint {

		@OnMessage
		String message(String text, @PathParam("id") String id) {
			return text;
		}

	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class EndpointConfiguration {

		@org.springframework.context.annotation.Bean
		RoomEndpoint roomEndpoint() {
			return new RoomEndpoint();
		}

	}

}
