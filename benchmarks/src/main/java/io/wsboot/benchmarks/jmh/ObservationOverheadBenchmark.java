package io.wsboot.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import brave.Tracing;
import brave.handler.SpanHandler;
import brave.sampler.Sampler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.observation.WsObservationAutoConfiguration;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.observation.MessageObservationInterceptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cost of message observations: a 64-byte text echo round trip over loopback through
 * a {@code @WsEndpoint} method, with no {@code ObservationRegistry} ({@code off}, as with
 * {@code wsboot.observations.messages.enabled=false}), with one that times each message
 * into a meter registry ({@code metrics}, what Boot's actuator sets up), and with a Brave
 * tracer too, every message sampled, spans dropped rather than exported
 * ({@code tracing}), on the handler executor and on the event loop. Sampled times: on a
 * busy machine the median says more than the mean. {@link MessageObservationBenchmark}
 * measures the observation alone.
 *
 * @author wsboot
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ObservationOverheadBenchmark extends AbstractBenchmark {

	private static final int PAYLOAD_BYTES = 64;

	@Param({ "off", "metrics", "tracing" })
	String observations;

	@Param({ "executor", "event-loop" })
	String dispatch;

	private ConfigurableApplicationContext context;

	private Tracing tracing;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	private final byte[] frame = new byte[6 + PAYLOAD_BYTES];

	private final byte[] echo = new byte[2 + PAYLOAD_BYTES];

	@Setup
	public void setUp() throws IOException {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EchoApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1", "wsboot.server.event-loops=1",
					"wsboot.endpoint.dispatch=" + this.dispatch, "logging.level.root=warn");
		if (!"off".equals(this.observations)) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
			if ("tracing".equals(this.observations)) {
				this.tracing = Tracing.newBuilder()
					.sampler(Sampler.ALWAYS_SAMPLE)
					// keeps the spans from being logged, as Brave does when it has no
					// handler
					.addSpanHandler(new SpanHandler() {
					})
					.build();
				BraveTracer tracer = new BraveTracer(this.tracing.tracer(),
						new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());
				registry.observationConfig()
					.observationHandler(
							new ObservationHandler.FirstMatchingCompositeObservationHandler(
									new PropagatingReceiverTracingObservationHandler<>(tracer,
											new BravePropagator(this.tracing)),
									new DefaultTracingObservationHandler(tracer)));
			}
			application
				.initializers((context) -> context.getBeanFactory().registerSingleton("observationRegistry", registry));
		}
		this.context = application.run();
		boolean observed = this.context.getBeanNamesForType(MessageObservationInterceptor.class).length > 0;
		if (observed == "off".equals(this.observations)) {
			throw new IllegalStateException("message observations are " + (observed ? "on" : "off"));
		}
		int port = this.context.getBean(WsServerLifecycle.class).getServer().port();
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(5000);
		this.out = this.socket.getOutputStream();
		this.in = this.socket.getInputStream();
		this.out.write(("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n"
				+ "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		readHead();
		// one masked text frame, mask key 0 so the payload stays readable
		this.frame[0] = (byte) 0x81;
		this.frame[1] = (byte) (0x80 | PAYLOAD_BYTES);
		for (int i = 0; i < PAYLOAD_BYTES; i++) {
			this.frame[6 + i] = (byte) ('a' + i % 26);
		}
	}

	private void readHead() throws IOException {
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake");
			}
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	@TearDown
	public void tearDown() throws IOException {
		this.socket.close();
		this.context.close();
		if (this.tracing != null) {
			this.tracing.close();
		}
	}

	@Benchmark
	public byte[] echoRoundTrip() throws IOException {
		this.out.write(this.frame);
		int read = 0;
		while (read < this.echo.length) {
			int n = this.in.read(this.echo, read, this.echo.length - read);
			if (n < 0) {
				throw new IOException("connection closed");
			}
			read += n;
		}
		return this.echo;
	}

	/**
	 * The application: wsboot, its observations when a registry is registered, and an
	 * echo endpoint.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WsAutoConfiguration.class, WsObservationAutoConfiguration.class })
	public static class EchoApplication {

		@Bean
		EchoEndpoint echoEndpoint() {
			return new EchoEndpoint();
		}

	}

	/**
	 * Sends every text message back.
	 */
	@WsEndpoint("/echo")
	public static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
