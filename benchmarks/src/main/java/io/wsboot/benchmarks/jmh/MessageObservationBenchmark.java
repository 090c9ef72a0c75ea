package io.wsboot.benchmarks.jmh;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import brave.Tracing;
import brave.handler.SpanHandler;
import brave.sampler.Sampler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.wsboot.endpoint.annotation.EndpointInvocation;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.observation.HandshakeObservationContext;
import io.wsboot.observation.HandshakeObservationListener;
import io.wsboot.observation.MessageObservationInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a message observation adds to one handler call, without sockets or threads: the
 * {@link MessageObservationInterceptor} around a method that returns its message, with no
 * interceptor ({@code off}), timing into a meter registry ({@code metrics}), and with a
 * Brave tracer too, sampled, spans dropped ({@code tracing}); the parent is a handshake
 * observation whose request carried a {@code traceparent}. Ten warm-up iterations: the
 * observation's code paths take a while to be compiled.
 *
 * @author wsboot
 */
@Warmup(iterations = 10, time = 1)
public class MessageObservationBenchmark extends AbstractBenchmark {

	@Param({ "off", "metrics", "tracing" })
	String observations;

	private Tracing tracing;

	private MessageObservationInterceptor interceptor;

	private EndpointInvocation invocation;

	@Setup
	public void setUp() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		if ("tracing".equals(this.observations)) {
			this.tracing = Tracing.newBuilder()
				.sampler(Sampler.ALWAYS_SAMPLE)
				// keeps the spans from being logged, as Brave does when it has no handler
				.addSpanHandler(new SpanHandler() {
				})
				.build();
			BraveTracer tracer = new BraveTracer(this.tracing.tracer(),
					new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());
			registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingReceiverTracingObservationHandler<>(tracer, new BravePropagator(this.tracing)),
						new DefaultTracingObservationHandler(tracer)));
		}
		HandshakeRequest request = new HandshakeRequest("GET", "/echo", "/echo", "", "HTTP/1.1",
				Map.of("traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")), 200,
				new InetSocketAddress(0));
		Observation handshake = Observation
			.createNotStarted("wsboot.handshake", () -> new HandshakeObservationContext(request), registry)
			.start();
		handshake.stop();
		Map<String, Object> attributes = new ConcurrentHashMap<>();
		attributes.put(HandshakeObservationListener.SESSION_ATTRIBUTE, handshake);
		EndpointSession session = (EndpointSession) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { EndpointSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "pathTemplate", "path" -> "/echo";
					case "id" -> "1";
					case "attributes" -> attributes;
					default -> throw new UnsupportedOperationException(method.getName());
				});
		this.invocation = new MessageInvocation(session, "hello");
		this.interceptor = new MessageObservationInterceptor(registry, null);
	}

	@TearDown
	public void tearDown() {
		if (this.tracing != null) {
			this.tracing.close();
		}
	}

	@Benchmark
	public Object handleMessage() throws Throwable {
		return "off".equals(this.observations) ? this.invocation.proceed()
				: this.interceptor.intercept(this.invocation);
	}

	/**
	 * A call of a handler method that returns the message.
	 */
	private record MessageInvocation(EndpointSession session, Object message) implements EndpointInvocation {

		@Override
		public Object bean() {
			return this;
		}

		@Override
		public Method method() {
			try {
				return Object.class.getMethod("toString");
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public Kind kind() {
			return Kind.MESSAGE;
		}

		@Override
		public Object proceed() {
			return this.message;
		}

	}

}
