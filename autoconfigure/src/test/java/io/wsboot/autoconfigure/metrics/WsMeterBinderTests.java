package io.wsboot.autoconfigure.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import io.wsboot.test.WsTestClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Exact meter values after scripted exchanges with a raw client over a real socket,
 * against the bare engine with a {@link TrafficRecorder}, a {@link WsMeterBinder} and a
 * {@link SimpleMeterRegistry}.
 */
class WsMeterBinderTests {

	private static final String ECHO = "/echo/{room}";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private @Nullable WsServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	private int start(TrafficRecorder recorder, String... paths) throws Exception {
		return start(this.registry, recorder, paths);
	}

	private int start(MeterRegistry registry, TrafficRecorder recorder, String... paths) throws Exception {
		WsMeterBinder binder = new WsMeterBinder(recorder);
		binder.bindTo(registry);
		List<Endpoint> endpoints = new ArrayList<>();
		for (String path : paths) {
			endpoints.add(Endpoint.of(path, RecordingHandler.echo()));
		}
		ServerConfig config = ServerConfig.defaults()
			.withBinding(InetAddress.getLoopbackAddress(), 0)
			.withEventLoops(1)
			.withListener(WsServerListener.composite(List.of(recorder, binder)));
		this.server = new WsServer(config, endpoints);
		this.server.start();
		recorder.register(this.server.endpoints());
		return this.server.port();
	}

	@Nested
	@DisplayName("a scripted exchange: every meter exact")
	class ScriptedExchange {

		private static final byte[] REQUEST = request("/echo/lobby")
			.header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) wsboot-metrics-test/1.0")
			.header("Cookie", "SESSION=5f1d6e0c-8d4e-4f5a-9c1b-0e2f3a4b5c6d; theme=dark")
			.header("Accept-Language", "en-GB,en;q=0.9")
			.toBytes();

		@Test
		void metersEqualWhatTheClientCountedAndTheModelByHand() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.MEASURED), ECHO);
			byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
			byte[] medium = repeat('a', 200);
			byte[] large = repeat('b', 70_000);
			byte[] empty = new byte[0];
			byte[] binary = repeat('c', 126);
			List<Integer> framesIn = new ArrayList<>();
			List<Integer> framesOut = new ArrayList<>();
			HttpResponseHead response;
			long clientSent;
			long clientReceived;
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.send(REQUEST);
				response = client.readResponseHead();
				assertThat(response.status()).isEqualTo(101);
				framesIn.add(send(client, true, 0x1, hello));
				framesIn.add(send(client, true, 0x1, medium));
				framesIn.add(send(client, true, 0x1, large));
				framesIn.add(send(client, true, 0x2, empty));
				framesIn.add(send(client, true, 0x2, binary));
				// one message in two frames: "hello " then "world"
				framesIn.add(send(client, false, 0x1, "hello ".getBytes(StandardCharsets.UTF_8))
						+ send(client, true, 0x0, "world".getBytes(StandardCharsets.UTF_8)));
				int pingBytes = send(client, true, 0x9, "p1".getBytes(StandardCharsets.UTF_8));
				List<ServerFrame> received = new ArrayList<>();
				for (int i = 0; i < 7; i++) {
					received.add(client.readFrame());
				}
				assertThat(received).extracting(ServerFrame::opcode).containsExactly(0x1, 0x1, 0x1, 0x2, 0x2, 0x1, 0xA);
				assertThat(received.get(5).text()).isEqualTo("hello world");
				for (int i = 0; i < 6; i++) {
					framesOut.add(received.get(i).wireBytes());
				}
				int pongBytes = received.get(6).wireBytes();
				// while the session is open, the meters already see its live counters
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
					assertThat(gauge("wsboot.connections.active")).isEqualTo(1);
					assertThat(counter("wsboot.messages", "direction", "out", "type", "text")).isEqualTo(4);
				});
				int closeBytes = send(client, true, 0x8, ClientFrames.closePayload(1000, ClientFrames.utf8("bye")));
				ServerFrame close = client.readClose();
				client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
				clientSent = client.bytesSent();
				clientReceived = client.bytesReceived();
				// RFC 6455 §5.2 sizes: a client frame adds a 4-byte mask, a 2-byte
				// header grows by 2 bytes at 126 and by 8 at 65536
				assertThat(framesIn).containsExactly(2 + 4 + 5, 2 + 2 + 4 + 200, 2 + 8 + 4 + 70_000, 2 + 4 + 0,
						2 + 2 + 4 + 126, (2 + 4 + 6) + (2 + 4 + 5));
				assertThat(framesOut).containsExactly(2 + 5, 2 + 2 + 200, 2 + 8 + 70_000, 2 + 0, 2 + 2 + 126, 2 + 11);
				assertThat(pingBytes).isEqualTo(2 + 4 + 2);
				assertThat(pongBytes).isEqualTo(2 + 2);
				assertThat(closeBytes).isEqualTo(2 + 4 + 5);
				assertThat(close.wireBytes()).isEqualTo(2 + 5);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(closed("1000", "client")).isEqualTo(1));

			long requestHead = REQUEST.length;
			long responseHead = response.raw().length;
			long wireIn = clientSent - requestHead;
			long wireOut = clientReceived - responseHead;
			assertThat(wireIn).isEqualTo(70_415);
			assertThat(wireOut).isEqualTo(70_377);
			long payload = 5 + 200 + 70_000 + 0 + 126 + 11;
			long controlWire = (2 + 4 + 2) + (2 + 2) + (2 + 4 + 5) + (2 + 5);

			assertThat(gauge("wsboot.connections.active")).isZero();
			assertThat(counter("wsboot.connections.opened")).isEqualTo(1);
			assertThat(WsMeterBinderTests.this.registry.get("wsboot.session.duration")
				.tag("endpoint", ECHO)
				.timer()
				.count()).isEqualTo(1);
			assertThat(counter("wsboot.messages", "direction", "in", "type", "text")).isEqualTo(4);
			assertThat(counter("wsboot.messages", "direction", "in", "type", "binary")).isEqualTo(2);
			assertThat(counter("wsboot.messages", "direction", "out", "type", "text")).isEqualTo(4);
			assertThat(counter("wsboot.messages", "direction", "out", "type", "binary")).isEqualTo(2);
			assertThat(counter("wsboot.traffic.wire", "direction", "in")).isEqualTo(wireIn);
			assertThat(counter("wsboot.traffic.wire", "direction", "out")).isEqualTo(wireOut);
			assertThat(counter("wsboot.traffic.payload", "direction", "in")).isEqualTo(payload);
			assertThat(counter("wsboot.traffic.payload", "direction", "out")).isEqualTo(payload);
			assertThat(counter("wsboot.traffic.message", "direction", "in")).isEqualTo(payload);
			assertThat(counter("wsboot.traffic.message", "direction", "out")).isEqualTo(payload);
			assertThat(counter("wsboot.traffic.handshake", "direction", "in")).isEqualTo(requestHead);
			assertThat(counter("wsboot.traffic.handshake", "direction", "out")).isEqualTo(responseHead);
			assertThat(counter("wsboot.frames.control")).isEqualTo(4);
			assertThat(counter("wsboot.traffic.control")).isEqualTo(controlWire);
			assertThat(counter("wsboot.messages.dropped")).isZero();
			assertThat(gauge("wsboot.traffic.queued")).isZero();
			assertThat(gauge("wsboot.traffic.compression.saved")).isZero();

			// the model by hand: a polling request is this connection's request head
			// without the fields only an upgrade sends; the response head is the default
			long pollingRequest = requestHead - "Upgrade: websocket\r\n".length()
					- "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n".length()
					- "Sec-WebSocket-Version: 13\r\n".length();
			long pollingOverhead = pollingRequest + PollingModel.DEFAULT_RESPONSE_HEAD_BYTES;
			long messages = 12;
			long httpEquivalent = messages * pollingOverhead + 2 * payload;
			long actual = requestHead + responseHead + wireIn + wireOut;
			assertThat(counter("wsboot.traffic.http.equivalent")).isEqualTo(httpEquivalent);
			assertThat(counter("wsboot.traffic.actual")).isEqualTo(actual);
			assertThat(gauge("wsboot.traffic.saved")).isEqualTo(httpEquivalent - actual);
			assertThat(gauge("wsboot.traffic.saved.ratio"))
				.isEqualTo((double) (httpEquivalent - actual) / httpEquivalent);

			// the same saving as the issue states it: per message, polling overhead less
			// that message's frame overhead; then less control frames and handshake
			long perMessage = 0;
			long[] dataPayloads = { 5, 200, 70_000, 0, 126, 11 };
			for (int i = 0; i < dataPayloads.length; i++) {
				perMessage += pollingOverhead - (framesIn.get(i) - dataPayloads[i]);
				perMessage += pollingOverhead - (framesOut.get(i) - dataPayloads[i]);
			}
			assertThat(gauge("wsboot.traffic.saved")).isEqualTo(perMessage - controlWire - requestHead - responseHead);
			assertThat(meterNames()).noneMatch((tags) -> tags.contains("lobby"));
		}

		@Test
		void aSessionWithoutMessagesSavedNegativeBytes() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.MEASURED), ECHO);
			long responseHead;
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.send(REQUEST);
				responseHead = client.readResponseHead().raw().length;
				client.send(ClientFrames.close(1001, ""));
				client.readClose();
				client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(closed("1001", "client")).isEqualTo(1));
			long actual = REQUEST.length + responseHead + (2 + 4 + 2) + (2 + 2);
			assertThat(counter("wsboot.traffic.http.equivalent")).isZero();
			assertThat(counter("wsboot.traffic.actual")).isEqualTo(actual);
			assertThat(gauge("wsboot.traffic.saved")).isEqualTo(-actual);
		}

		@Test
		void classicPresetCounts871BytesPerMessage() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.CLASSIC_871), ECHO);
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.handshake(request("/echo/x"));
				client.send(ClientFrames.text("hi"));
				client.readFrame();
				closeNormally(client);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(closed("1000", "client")).isEqualTo(1));
			assertThat(counter("wsboot.traffic.http.equivalent")).isEqualTo(2 * 871 + 2 * 2);
		}

	}

	@Nested
	@DisplayName("closes, rejections and tags")
	class Events {

		@Test
		void serverInitiatedCloseIsTaggedWithItsCode() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.MEASURED), ECHO);
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.handshake(request("/echo/x"));
				await().atMost(Duration.ofSeconds(5))
					.until(() -> WsMeterBinderTests.this.server.sessions().size() == 1);
				WsMeterBinderTests.this.server.sessions().iterator().next().close(new CloseStatus(4001, "kicked"));
				ServerFrame close = client.readClose();
				client.send(ClientFrames.close(close.payload()));
				client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(closed("4001", "server")).isEqualTo(1));
		}

		@Test
		void connectionLostWithoutCloseIsTaggedNone() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.MEASURED), ECHO);
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.handshake(request("/echo/x"));
			}
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(closed("1006", "none")).isEqualTo(1));
		}

		@Test
		void rejectedHandshakesAreCountedByStatusAndReason() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.MEASURED), ECHO);
			try (RawWsClient client = RawWsClient.connect(port)) {
				assertThat(client.handshake(request("/nowhere")).status()).isEqualTo(404);
			}
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.send("GET /echo/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				assertThat(client.readResponseHead().status()).isEqualTo(400);
			}
			assertThat(rejected("404", "not-found")).isEqualTo(1);
			assertThat(rejected("400", "bad-request")).isEqualTo(1);
			assertThat(rejected("503", "shutting-down")).isZero();
			assertThat(counter("wsboot.connections.opened")).isZero();
		}

		@Test
		void everyRejectionReasonIsAtZeroBeforeTheFirstRejection() throws Exception {
			start(new TrafficRecorder(PollingModel.MEASURED), ECHO);
			Collection<Counter> counters = WsMeterBinderTests.this.registry.get("wsboot.handshakes.rejected")
				.counters();
			assertThat(counters).hasSize(RejectionReason.values().length).allSatisfy((counter) -> {
				assertThat(counter.count()).isZero();
				RejectionReason reason = RejectionReason
					.valueOf(counter.getId().getTag("reason").toUpperCase(Locale.ROOT).replace('-', '_'));
				assertThat(counter.getId().getTag("status")).isEqualTo(Integer.toString(reason.httpStatus()));
			});
		}

		private double rejected(String status, String reason) {
			return WsMeterBinderTests.this.registry.get("wsboot.handshakes.rejected")
				.tag("status", status)
				.tag("reason", reason)
				.counter()
				.count();
		}

		@Test
		void metersOfEveryEndpointExistBeforeTheFirstSession() throws Exception {
			start(new TrafficRecorder(PollingModel.MEASURED), ECHO, "/plain");
			assertThat(WsMeterBinderTests.this.registry.get("wsboot.connections.opened")
				.tag("endpoint", "/plain")
				.functionCounter()
				.count()).isZero();
			assertThat(gauge("wsboot.traffic.saved")).isZero();
		}

		@Test
		void allowListedPathVariableBecomesATagWithACapOnValues() throws Exception {
			int port = start(new TrafficRecorder(PollingModel.MEASURED, List.of("room"), 1), ECHO, "/plain");
			for (String path : List.of("/echo/a", "/echo/b", "/echo/c", "/plain")) {
				try (RawWsClient client = RawWsClient.connect(port)) {
					client.handshake(request(path));
					closeNormally(client);
				}
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(WsMeterBinderTests.this.registry.get("wsboot.connections.closed")
					.counters()
					.stream()
					.mapToDouble((c) -> c.count())
					.sum()).isEqualTo(4));
			assertThat(opened(ECHO, "a")).isEqualTo(1);
			assertThat(opened(ECHO, "OTHER")).isEqualTo(2);
			assertThat(opened("/plain", "none")).isEqualTo(1);
			assertThat(WsMeterBinderTests.this.registry.getMeters()).allSatisfy((meter) -> {
				if (!meter.getId().getName().equals("wsboot.handshakes.rejected")) {
					assertThat(meter.getId().getTag("room")).isNotNull();
				}
			});
		}

		private double opened(String endpoint, String room) {
			return WsMeterBinderTests.this.registry.get("wsboot.connections.opened")
				.tag("endpoint", endpoint)
				.tag("room", room)
				.functionCounter()
				.count();
		}

	}

	@Nested
	@DisplayName("Prometheus names")
	class PrometheusNames {

		@Test
		void everyNameSaysItsUnitOnce() throws Exception {
			PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
			int port = start(prometheus, new TrafficRecorder(PollingModel.MEASURED), ECHO);
			try (WsTestClient client = WsTestClient.connect("ws://127.0.0.1:" + port + "/echo/lobby")) {
				assertThat(client.sendText("hi").awaitText()).isEqualTo("hi");
			}
			assertThatExceptionOfType(WsTestClient.HandshakeRejectedException.class)
				.isThrownBy(() -> WsTestClient.connect("ws://127.0.0.1:" + port + "/nowhere"));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> prometheus.scrape().contains("wsboot_connections_closed_total{")
						&& prometheus.scrape().contains("wsboot_handshakes_rejected_total{"));
			Set<String> names = new TreeSet<>();
			Matcher sample = Pattern.compile("^(wsboot_[a-z_]+)[{ ]", Pattern.MULTILINE).matcher(prometheus.scrape());
			while (sample.find()) {
				names.add(sample.group(1));
			}
			assertThat(names).containsExactlyInAnyOrder("wsboot_connections_active", "wsboot_connections_opened_total",
					"wsboot_connections_closed_total", "wsboot_handshakes_rejected_total",
					"wsboot_session_duration_seconds_count", "wsboot_session_duration_seconds_sum",
					"wsboot_session_duration_seconds_max", "wsboot_messages_total", "wsboot_messages_dropped_total",
					"wsboot_frames_control_total", "wsboot_traffic_wire_bytes_total",
					"wsboot_traffic_payload_bytes_total", "wsboot_traffic_message_bytes_total",
					"wsboot_traffic_handshake_bytes_total", "wsboot_traffic_control_bytes_total",
					"wsboot_traffic_http_equivalent_bytes_total", "wsboot_traffic_actual_bytes_total",
					"wsboot_traffic_saved_bytes", "wsboot_traffic_saved_ratio",
					"wsboot_traffic_compression_saved_bytes", "wsboot_traffic_queued_bytes");
			assertThat(names).allSatisfy((name) -> {
				List<String> words = List.of(name.split("_"));
				assertThat(words).as(name).containsOnlyOnce("wsboot");
				for (String unit : List.of("bytes", "seconds", "ratio")) {
					assertThat(Collections.frequency(words, unit)).as(name).isLessThanOrEqualTo(1);
				}
			});
		}

	}

	private double counter(String name, String... tags) {
		return this.registry.get(name).tag("endpoint", ECHO).tags(tags).functionCounter().count();
	}

	private double gauge(String name) {
		return this.registry.get(name).tag("endpoint", ECHO).gauge().value();
	}

	private double closed(String code, String initiator) {
		return this.registry.find("wsboot.connections.closed")
			.tag("endpoint", ECHO)
			.tag("code", code)
			.tag("initiator", initiator)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private List<String> meterNames() {
		List<String> names = new ArrayList<>();
		for (Meter meter : this.registry.getMeters()) {
			names.add(meter.getId().getName() + meter.getId().getTags().stream().map(Tag::getValue).toList());
		}
		return names;
	}

	static byte[] repeat(char c, int count) {
		byte[] bytes = new byte[count];
		Arrays.fill(bytes, (byte) c);
		return bytes;
	}

	/**
	 * Return a valid upgrade request with the RFC 6455 §1.3 sample key, whose length the
	 * polling model below counts.
	 */
	static UpgradeRequest request(String target) {
		return UpgradeRequest.get(target).header("Sec-WebSocket-Key", UpgradeRequest.SAMPLE_KEY);
	}

	/**
	 * Send a frame with a random mask and return its size on the wire.
	 */
	static int send(RawWsClient client, boolean fin, int opcode, byte[] payload) throws IOException {
		byte[] frame = ClientFrames.frame(fin, 0, opcode, payload);
		client.send(frame);
		return frame.length;
	}

	static void closeNormally(RawWsClient client) throws IOException {
		client.send(ClientFrames.close(1000, ""));
		client.readClose();
		client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
	}

}
