package io.wsboot.engine.internal.extension.deflate;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.SessionStats;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.JettyRecorder;
import io.wsboot.engine.testclient.Queues;
import io.wsboot.engine.testclient.RecordingHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * permessage-deflate between our server and Jetty 12's WebSocket client, which compresses
 * with its own {@code java.util.zip} based extension. Jetty 12.1.10's client applies the
 * no_context_takeover parameters of its own offer with the roles swapped and ignores
 * those of the response; the context-takeover table below pins the agreements that stay
 * in step with it anyway.
 */
class PerMessageDeflateInteropTests {

	private static final int MESSAGE_LIMIT_BYTES = 8 * 1024 * 1024;

	private static final int SMALL_LIMIT_BYTES = 64 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private WsServer server;

	private final WebSocketClient client = new WebSocketClient();

	@BeforeEach
	void start() throws Exception {
		start(PerMessageDeflate.DEFAULTS);
		this.client.setMaxTextMessageSize(MESSAGE_LIMIT_BYTES);
		this.client.setMaxBinaryMessageSize(MESSAGE_LIMIT_BYTES);
		this.client.setMaxFrameSize(MESSAGE_LIMIT_BYTES);
		this.client.start();
	}

	private void start(PerMessageDeflate settings) throws Exception {
		if (this.server != null) {
			this.server.stop();
		}
		WsHandler echo = RecordingHandler.echo();
		this.server = new WsServer(
				ServerConfig.builder()
					.address(InetAddress.getLoopbackAddress())
					.port(0)
					.eventLoops(1)
					.perMessageDeflate(settings)
					.build(),
				List.of(Endpoint.of("/echo", echo)
					.withLimits(WsLimits.DEFAULTS.withMaxFramePayloadBytes(MESSAGE_LIMIT_BYTES)
						.withMaxMessageBytes(MESSAGE_LIMIT_BYTES)),
						Endpoint.of("/small", echo)
							.withLimits(WsLimits.DEFAULTS.withMaxMessageBytes(SMALL_LIMIT_BYTES))));
		this.server.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.client.stop();
		this.server.stop();
	}

	private JettyRecorder connect(String path) throws Exception {
		return connect(path, "permessage-deflate");
	}

	private JettyRecorder connect(String path, String offer) throws Exception {
		JettyRecorder recorder = new JettyRecorder();
		URI uri = URI.create("ws://127.0.0.1:" + this.server.port() + path);
		ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
		request.addExtensions(offer);
		this.client.connect(recorder, request).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return recorder;
	}

	private WsSession serverSession() {
		await().atMost(TIMEOUT).until(() -> this.server.sessions().size() == 1);
		return this.server.sessions().iterator().next();
	}

	static String repetitiveText(int size) {
		StringBuilder text = new StringBuilder(size + 64);
		Random random = new Random(size);
		while (text.length() < size) {
			text.append("{\"user\":\"user-").append(random.nextInt(50)).append("\",\"op\":\"tick\"}\n");
		}
		return text.substring(0, size);
	}

	@Nested
	@DisplayName("RFC 7692 §7.1 negotiation with Jetty")
	class Negotiation {

		@Test
		void jettyOfferIsAccepted() throws Exception {
			JettyRecorder recorder = connect("/echo");
			assertThat(recorder.session().getUpgradeResponse().getExtensions()).extracting(ExtensionConfig::getName)
				.containsExactly("permessage-deflate");
			assertThat(serverSession().extensions()).singleElement().asString().startsWith("permessage-deflate");
		}

		@ParameterizedTest(name = "[{0}] with server_no_context_takeover={1}, client_no_context_takeover={2}")
		@CsvSource(delimiter = '|',
				textBlock = """
						permessage-deflate                                                         | false | false | permessage-deflate
						permessage-deflate; server_no_context_takeover                             | false | false | permessage-deflate; server_no_context_takeover
						permessage-deflate; client_no_context_takeover                             | false | false | permessage-deflate; server_no_context_takeover; client_no_context_takeover
						permessage-deflate; client_no_context_takeover; server_no_context_takeover | false | false | permessage-deflate; server_no_context_takeover; client_no_context_takeover
						permessage-deflate                                                         | true  | false | permessage-deflate; server_no_context_takeover
						permessage-deflate                                                         | false | true  | permessage-deflate; client_no_context_takeover
						permessage-deflate                                                         | true  | true  | permessage-deflate; server_no_context_takeover; client_no_context_takeover
						""")
		@DisplayName("RFC 7692 §7.1.1 context takeover combinations stay in step with Jetty")
		void conversationUnderEachAgreement(String offer, boolean serverNoContextTakeover,
				boolean clientNoContextTakeover, String response) throws Exception {
			start(PerMessageDeflate.DEFAULTS.withNoContextTakeover(serverNoContextTakeover, clientNoContextTakeover));
			JettyRecorder recorder = connect("/echo", offer);
			assertThat(serverSession().extensions()).containsExactly(response);
			for (int i = 0; i < 20; i++) {
				String text = repetitiveText(1000 + i * 500);
				recorder.session().sendText(text, Callback.NOOP);
				assertThat(Queues.next(recorder.events, "event")).as("message %d", i).isEqualTo("text:" + text);
			}
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2 compressed messages (Autobahn 12.x, 13.x)")
	class CompressedMessages {

		@Test
		void largeTextIsCompressedBothWays() throws Exception {
			JettyRecorder recorder = connect("/echo");
			String text = repetitiveText(4 * 1024 * 1024);
			recorder.session().sendText(text, Callback.NOOP);
			assertThat(Queues.next(recorder.events, "event")).isEqualTo("text:" + text);
			SessionStats stats = serverSession().stats();
			assertThat(stats.textMessagesIn()).isOne();
			assertThat(stats.payloadBytesIn()).isPositive().isLessThan(text.length() / 4);
			await().atMost(TIMEOUT).until(() -> stats.textMessagesOut() == 1);
			assertThat(stats.payloadBytesOut()).isPositive().isLessThan(text.length() / 4);
		}

		@Test
		void largeRandomBinaryRoundTrips() throws Exception {
			JettyRecorder recorder = connect("/echo");
			byte[] data = new byte[1024 * 1024];
			new Random(7).nextBytes(data);
			recorder.session().sendBinary(ByteBuffer.wrap(data), Callback.NOOP);
			assertThat(Queues.next(recorder.binaries, "binary")).isEqualTo(data);
		}

		@Test
		@DisplayName("RFC 7692 §6.1 a compressed message in fragments, RSV1 on the first only")
		void fragmentedMessageRoundTrips() throws Exception {
			JettyRecorder recorder = connect("/echo");
			String text = repetitiveText(300 * 1024);
			int fragmentBytes = 7 * 1024 + 3;
			for (int offset = 0; offset < text.length(); offset += fragmentBytes) {
				int end = Math.min(text.length(), offset + fragmentBytes);
				recorder.session().sendPartialText(text.substring(offset, end), end == text.length(), Callback.NOOP);
			}
			assertThat(Queues.next(recorder.events, "event")).isEqualTo("text:" + text);
		}

		@Test
		@DisplayName("RFC 7692 §7.2.3.2 context takeover across many messages, small ones uncompressed")
		void conversationKeepsContextInStep() throws Exception {
			JettyRecorder recorder = connect("/echo");
			Random random = new Random(11);
			for (int i = 0; i < 200; i++) {
				String text = repetitiveText(random.nextInt(4000));
				recorder.session().sendText(text, Callback.NOOP);
				assertThat(Queues.next(recorder.events, "event")).as("message %d", i).isEqualTo("text:" + text);
			}
		}

		@Test
		void utf8TextSurvivesCompression() throws Exception {
			JettyRecorder recorder = connect("/echo");
			String text = "κόσμε 🌍 ".repeat(5000);
			recorder.session().sendText(text, Callback.NOOP);
			assertThat(Queues.next(recorder.events, "event")).isEqualTo("text:" + text);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §10.4 limits on inflated size")
	class Limits {

		@Test
		void messageInflatingPastLimitClosesWith1009() throws Exception {
			JettyRecorder recorder = connect("/small");
			String zeros = "0".repeat(2 * 1024 * 1024);
			recorder.session().sendText(zeros, Callback.NOOP);
			assertThat(Queues.next(recorder.events, "event")).startsWith("close:1009:");
		}

	}

}
