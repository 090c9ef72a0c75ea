package io.wsboot.endpoint.annotation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.CloseStatus;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EndpointInvocationInterceptor} beans around the handler methods of a real
 * server, on both dispatch modes: order, what they see, replaced return values and
 * failures.
 */
class EndpointInvocationInterceptorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1")
		.withBean(GuardedEndpoint.class);

	@ParameterizedTest
	@ValueSource(strings = { "executor", "event-loop" })
	void interceptorsWrapEveryCallInOrderAndSeeTheMessage(String dispatch) {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("wsboot.endpoint.dispatch=" + dispatch)
			.withBean("inner", EndpointInvocationInterceptor.class, () -> new Inner(calls))
			.withBean("outer", EndpointInvocationInterceptor.class, () -> new Outer(calls))
			.run((context) -> {
				try (WsTestClient client = connect(context.getBean(WsServerLifecycle.class))) {
					assertThat(client.awaitText()).isEqualTo("opened");
					client.sendText("ada");
					assertThat(client.awaitText()).isEqualTo("[hello ada]");
					client.close();
					assertThat(client.awaitClose().code()).isEqualTo(1000);
				}
				assertThat(calls).startsWith("outer OPEN opened null", "inner OPEN opened null",
						"outer MESSAGE echo ada", "inner MESSAGE echo ada");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "executor", "event-loop" })
	void whatAnInterceptorThrowsReachesOnError(String dispatch) {
		this.contextRunner.withPropertyValues("wsboot.endpoint.dispatch=" + dispatch)
			.withBean(EndpointInvocationInterceptor.class, () -> (invocation) -> {
				if ("deny".equals(invocation.message())) {
					throw new IllegalStateException("denied by interceptor");
				}
				return invocation.proceed();
			})
			.run((context) -> {
				try (WsTestClient client = connect(context.getBean(WsServerLifecycle.class))) {
					assertThat(client.awaitText()).isEqualTo("opened");
					client.sendText("deny");
					assertThat(client.awaitText()).isEqualTo("error: denied by interceptor");
					client.sendText("bob");
					assertThat(client.awaitText()).isEqualTo("hello bob");
				}
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "executor", "event-loop" })
	void anInterceptorThatSkipsTheMethodSendsWhatItReturns(String dispatch) {
		this.contextRunner.withPropertyValues("wsboot.endpoint.dispatch=" + dispatch)
			.withBean(EndpointInvocationInterceptor.class,
					() -> (invocation) -> (invocation.kind() == EndpointInvocation.Kind.MESSAGE) ? "skipped"
							: invocation.proceed())
			.run((context) -> {
				try (WsTestClient client = connect(context.getBean(WsServerLifecycle.class))) {
					assertThat(client.awaitText()).isEqualTo("opened");
					client.sendText("carl");
					assertThat(client.awaitText()).isEqualTo("skipped");
				}
			});
	}

	private static WsTestClient connect(WsServerLifecycle lifecycle) {
		return WsTestClient.connect("ws://127.0.0.1:" + lifecycle.getServer().port() + "/guarded");
	}

	@WsEndpoint("/guarded")
	static class GuardedEndpoint {

		@OnOpen
		String opened() {
			return "opened";
		}

		@OnMessage
		String echo(String name) {
			return "hello " + name;
		}

		@OnError
		String error(EndpointSession session, IllegalStateException ex) {
			return "error: " + ex.getMessage();
		}

		@OnClose
		void closed(CloseStatus status) {
		}

	}

	@Order(Ordered.HIGHEST_PRECEDENCE)
	record Outer(List<String> calls) implements EndpointInvocationInterceptor {

		@Override
		public Object intercept(EndpointInvocation invocation) throws Throwable {
			this.calls
				.add("outer " + invocation.kind() + " " + invocation.method().getName() + " " + invocation.message());
			assertThat(invocation.bean()).isInstanceOf(GuardedEndpoint.class);
			assertThat(invocation.session().pathTemplate()).isEqualTo("/guarded");
			Object result = invocation.proceed();
			return (result instanceof String text && invocation.kind() == EndpointInvocation.Kind.MESSAGE)
					? "[" + text + "]" : result;
		}

	}

	@Order(Ordered.LOWEST_PRECEDENCE)
	record Inner(List<String> calls) implements EndpointInvocationInterceptor {

		@Override
		public Object intercept(EndpointInvocation invocation) throws Throwable {
			this.calls
				.add("inner " + invocation.kind() + " " + invocation.method().getName() + " " + invocation.message());
			return invocation.proceed();
		}

	}

}
