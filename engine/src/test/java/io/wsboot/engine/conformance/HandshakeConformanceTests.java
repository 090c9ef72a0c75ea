package io.wsboot.engine.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.OriginPolicy;
import io.wsboot.engine.UpgradeCheck;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The opening handshake on the wire (RFC 6455 §4): the exact 101 response, every
 * rejection status, origins, connection limits, subprotocols, extensions, upgrade checks
 * and the handshake timeout.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandshakeConformanceTests {

	@AutoClose
	private EchoServerFixture fixture;

	@BeforeEach
	void startServer() throws IOException {
		this.fixture = EchoServerFixture.start();
	}

	/**
	 * Send a request that must be refused: check the status, that no upgrade header
	 * leaked, and that the server closes the connection after its error response.
	 */
	private HttpResponseHead assertRejected(UpgradeRequest request, int status) throws IOException {
		RawWsClient client = this.fixture.connect();
		HttpResponseHead head = client.handshake(request);
		assertThat(head.status()).as("status of\n%s", request).isEqualTo(status);
		assertThat(head.statusLine()).startsWith("HTTP/1.1 " + status + " ");
		assertThat(head.hasHeader("Sec-WebSocket-Accept")).isFalse();
		assertThat(head.hasHeader("Upgrade")).isFalse();
		client.readBody(head);
		// our choice: a refused upgrade is not kept alive (Connection: close)
		assertThat(head.header("Connection")).isEqualToIgnoringCase("close");
		client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		return head;
	}

	@Nested
	@DisplayName("RFC 6455 §4.2.2 the 101 response")
	class SwitchingProtocols {

		@Test
		void seedKeyIsAnsweredWithItsAcceptValueOnTheWire() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			HttpResponseHead head = client.handshake(UpgradeRequest.get("/echo"));
			// RFC 6455 §4.2.2 step 5: status line, Upgrade, Connection,
			// Sec-WebSocket-Accept
			assertThat(head.statusLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
			assertThat(head.headerValues("Upgrade")).containsExactly("websocket");
			assertThat(head.headerValues("Connection")).containsExactly("Upgrade");
			assertThat(head.headerValues("Sec-WebSocket-Accept")).containsExactly(UpgradeRequest.SEED_ACCEPT);
			assertThat(new String(head.raw(), StandardCharsets.ISO_8859_1))
				.contains("\r\nSec-WebSocket-Accept: " + UpgradeRequest.SEED_ACCEPT + "\r\n")
				.endsWith("\r\n\r\n");
			assertThat(head.hasHeader("Sec-WebSocket-Protocol")).isFalse();
			assertThat(head.hasHeader("Sec-WebSocket-Extensions")).isFalse();
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

		@Test
		void rfc6455Section1_3SampleKeyIsAnswered() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			HttpResponseHead head = client
				.handshake(UpgradeRequest.get("/echo").header("Sec-WebSocket-Key", UpgradeRequest.SAMPLE_KEY));
			assertThat(head.status()).isEqualTo(101);
			assertThat(head.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		}

		@Test
		void randomKeysAreAnsweredWithTheirAcceptValue() throws IOException {
			for (int i = 0; i < 5; i++) {
				RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
				String key = RawWsClient.randomKey();
				HttpResponseHead head = client.handshake(UpgradeRequest.get("/echo").header("Sec-WebSocket-Key", key));
				assertThat(head.header("Sec-WebSocket-Accept")).isEqualTo(RawWsClient.acceptFor(key));
			}
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.wsboot.engine.conformance.HandshakeConformanceTests#acceptedVariants")
		void toleratedRequestVariantsAreAccepted(UnaryOperator<UpgradeRequest> variant) throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.upgrade(variant.apply(UpgradeRequest.get("/echo")));
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

		@Test
		void frameSentRightBehindTheRequestIsProcessed() throws IOException {
			// RFC 6455 §4.1 makes a client wait for the 101 before sending frames; our
			// choice: bytes that arrive early anyway are kept and read as frames
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.send(ClientFrames.concat(UpgradeRequest.get("/echo").toBytes(), ClientFrames.text("early")));
			assertThat(client.readResponseHead().status()).isEqualTo(101);
			ServerFrame echo = client.readFrame();
			assertThat(echo.header()).containsExactly(0x81, 5);
			assertThat(echo.text()).isEqualTo("early");
		}

		@Test
		void requestHeadSplitByteByByteIsAccepted() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.sendInChunks(UpgradeRequest.get("/echo").toBytes(), 1);
			HttpResponseHead head = client.readResponseHead();
			assertThat(head.statusLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
			assertThat(head.header("Sec-WebSocket-Accept")).isEqualTo(UpgradeRequest.SEED_ACCEPT);
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

	}

	static Stream<Arguments> acceptedVariants() {
		return Stream.of(variant("Upgrade value in mixed case", (r) -> r.header("Upgrade", "WebSocket")),
				variant("header names in lower case",
						(r) -> r.without("Upgrade")
							.without("Connection")
							.addHeader("upgrade", "websocket")
							.addHeader("connection", "Upgrade")),
				variant("Connection: keep-alive, Upgrade (Firefox)",
						(r) -> r.header("Connection", "keep-alive, Upgrade")),
				variant("Connection: upgrade in lower case", (r) -> r.header("Connection", "upgrade")),
				variant("Connection split over two fields",
						(r) -> r.header("Connection", "keep-alive").addHeader("Connection", "Upgrade")),
				variant("Host with port", (r) -> r.header("Host", "127.0.0.1:8090")),
				variant("target with a query", (r) -> r.target("/echo?token=abc&x=1")),
				variant("unknown headers", (r) -> r.addHeader("X-Custom", "1").addHeader("User-Agent", "raw")),
				variant("optional whitespace around values", (r) -> r.header("Upgrade", "  websocket \t")),
				variant("Origin header present (default policy allows all)",
						(r) -> r.header("Origin", "https://anything.example")));
	}

	private static Arguments variant(String name, UnaryOperator<UpgradeRequest> change) {
		return Arguments.of(Named.of(name, change));
	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 requests that are not a valid handshake")
	class Rejections {

		@ParameterizedTest(name = "{0} -> 400")
		@MethodSource("io.wsboot.engine.conformance.HandshakeConformanceTests#badRequests")
		void invalidRequestIs400(UnaryOperator<UpgradeRequest> change) throws IOException {
			// RFC 6455 §4.2.1: a request missing a required field is answered with an
			// error such as 400 Bad Request
			assertRejected(change.apply(UpgradeRequest.get("/echo")), 400);
		}

		@Test
		void unknownPathIs404() throws IOException {
			assertRejected(UpgradeRequest.get("/nowhere"), 404);
		}

		@Test
		void postIs405WithAllowGet() throws IOException {
			// RFC 6455 §4.1: the method of the request MUST be GET; RFC 9110 §15.5.6:
			// a 405 carries Allow
			HttpResponseHead head = assertRejected(UpgradeRequest.get("/echo").method("POST"), 405);
			assertThat(head.headerValues("Allow")).containsExactly("GET");
		}

		@ParameterizedTest(name = "Sec-WebSocket-Version: {0} -> 426")
		@ValueSource(strings = { "8", "7", "0", "12", "14", "thirteen" })
		void unsupportedVersionIs426WithVersion13(String version) throws IOException {
			// RFC 6455 §4.2.2: an unknown version is answered with an error such as 426
			// and the versions the server understands
			HttpResponseHead head = assertRejected(UpgradeRequest.get("/echo").header("Sec-WebSocket-Version", version),
					426);
			assertThat(head.headerValues("Sec-WebSocket-Version")).containsExactly("13");
		}

		@Test
		void missingVersionIs426WithVersion13() throws IOException {
			HttpResponseHead head = assertRejected(UpgradeRequest.get("/echo").without("Sec-WebSocket-Version"), 426);
			assertThat(head.headerValues("Sec-WebSocket-Version")).containsExactly("13");
		}

		@Test
		void oversizedHeadIs431() throws IOException {
			// RFC 6585 §5: 431 Request Header Fields Too Large; the default limit is 8
			// KiB
			String filler = "a".repeat(WsLimits.DEFAULT_MAX_HANDSHAKE_HEAD_BYTES);
			assertRejected(UpgradeRequest.get("/echo").addHeader("X-Filler", filler), 431);
		}

		@Test
		void headJustUnderTheLimitIsAccepted() throws IOException {
			UpgradeRequest request = UpgradeRequest.get("/echo");
			int room = WsLimits.DEFAULT_MAX_HANDSHAKE_HEAD_BYTES - request.toBytes().length - "X-Filler: \r\n".length();
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.upgrade(request.addHeader("X-Filler", "a".repeat(room)));
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

	}

	static Stream<Arguments> badRequests() {
		return Stream.of(variant("missing Host", (r) -> r.without("Host")),
				variant("two Host fields", (r) -> r.addHeader("Host", "example.com")),
				variant("missing Upgrade", (r) -> r.without("Upgrade")),
				variant("Upgrade: h2c", (r) -> r.header("Upgrade", "h2c")),
				variant("missing Connection", (r) -> r.without("Connection")),
				variant("Connection: keep-alive", (r) -> r.header("Connection", "keep-alive")),
				variant("missing Sec-WebSocket-Key", (r) -> r.without("Sec-WebSocket-Key")),
				variant("key of 10 bytes", (r) -> r.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZQ==")),
				variant("key of 17 bytes", (r) -> r.header("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAAA=")),
				variant("key not base64", (r) -> r.header("Sec-WebSocket-Key", "not base64 at all!!!!!==")),
				variant("two keys", (r) -> r.addHeader("Sec-WebSocket-Key", RawWsClient.randomKey())),
				variant("HTTP/1.0", (r) -> r.version("HTTP/1.0")),
				variant("a body announced by Content-Length", (r) -> r.header("Content-Length", "5")),
				variant("a body announced by Transfer-Encoding", (r) -> r.header("Transfer-Encoding", "chunked")));
	}

	@Nested
	@DisplayName("RFC 6455 §4.2.2 step 4, §10.2 Origin")
	class Origins {

		private static final List<String> ALLOWED = List.of("https://app.example.com", "https://*.example.org");

		@BeforeEach
		void restartWithAllowList() throws IOException {
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture
				.restart((config) -> config.withOriginPolicy(new OriginPolicy(ALLOWED, true)));
		}

		@ParameterizedTest(name = "Origin: {0} -> 101")
		@ValueSource(strings = { "https://app.example.com", "HTTPS://APP.EXAMPLE.COM", "https://chat.example.org" })
		void allowedOriginIsAccepted(String origin) throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get("/echo").header("Origin", origin));
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

		@ParameterizedTest(name = "Origin: {0} -> 403")
		@ValueSource(strings = { "https://evil.example.com", "http://app.example.com",
				"https://app.example.com.evil.net", "null" })
		void otherOriginIs403(String origin) throws IOException {
			// RFC 6455 §4.2.2 step 4: a server that does not accept the origin
			// answers 403 Forbidden
			assertRejected(UpgradeRequest.get("/echo").header("Origin", origin), 403);
		}

		@Test
		void missingOriginIsAcceptedByDefault() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get("/echo").without("Origin"));
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

		@Test
		void missingOriginIs403WhenRequired() throws IOException {
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture
				.restart((config) -> config.withOriginPolicy(new OriginPolicy(ALLOWED, false)));
			assertRejected(UpgradeRequest.get("/echo"), 403);
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get("/echo").header("Origin", "https://app.example.com"));
		}

	}

	@Nested
	@DisplayName("connection limits (503 Service Unavailable)")
	class ConnectionLimits {

		@Test
		void connectionOverMaxConnectionsIs503() throws IOException {
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture
				.restart((config) -> config.withMaxConnections(1, 1));
			RawWsClient first = HandshakeConformanceTests.this.fixture.open();
			assertRejected(UpgradeRequest.get("/echo"), 503);
			AbstractEchoConformanceTests.assertStillEchoes(first);
			closeAndAwaitRelease(first);
			RawWsClient next = HandshakeConformanceTests.this.fixture.open();
			AbstractEchoConformanceTests.assertStillEchoes(next);
		}

		@Test
		void connectionOverPerAddressLimitIs503() throws IOException {
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture
				.restart((config) -> config.withMaxConnections(100, 2));
			RawWsClient first = HandshakeConformanceTests.this.fixture.open();
			RawWsClient second = HandshakeConformanceTests.this.fixture.open();
			assertRejected(UpgradeRequest.get("/echo"), 503);
			AbstractEchoConformanceTests.assertStillEchoes(first);
			AbstractEchoConformanceTests.assertStillEchoes(second);
		}

		@Test
		void perAddressLimitLeavesOtherAddressesAlone() throws IOException {
			InetAddress other = InetAddress.getByName("127.0.0.2");
			assumeThat(canBind(other)).as("127.0.0.2 is routable (Linux loopback /8)").isTrue();
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture
				.restart((config) -> config.withMaxConnections(100, 1));
			HandshakeConformanceTests.this.fixture.open();
			assertRejected(UpgradeRequest.get("/echo"), 503);
			try (Socket socket = new Socket()) {
				socket.setSoTimeout((int) RawWsClient.READ_TIMEOUT.toMillis());
				socket.bind(new InetSocketAddress(other, 0));
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
						HandshakeConformanceTests.this.fixture.port()));
				socket.getOutputStream().write(UpgradeRequest.get("/echo").toBytes());
				byte[] statusLine = socket.getInputStream().readNBytes(12);
				assertThat(new String(statusLine, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
			}
		}

		private static boolean canBind(InetAddress address) {
			try (Socket socket = new Socket()) {
				socket.bind(new InetSocketAddress(address, 0));
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		private void closeAndAwaitRelease(RawWsClient client) throws IOException {
			client.send(ClientFrames.close(1000, ""));
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> HandshakeConformanceTests.this.fixture.server().sessions().isEmpty());
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.2 step 5.5, §11.3.4 subprotocols")
	class Subprotocols {

		@BeforeEach
		void restartWithChatEndpoint() throws IOException {
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture.restart(
					UnaryOperator.identity(),
					Endpoint.of("/chat", RecordingHandler.echo()).withSubprotocols(List.of("v2.chat", "v1.chat")));
		}

		@ParameterizedTest(name = "offer \"{0}\" -> {1}")
		@MethodSource("io.wsboot.engine.conformance.HandshakeConformanceTests#subprotocolOffers")
		void serverPicksItsMostPreferredOfferedSubprotocol(String offer, String selected) throws IOException {
			HttpResponseHead head = upgrade(UpgradeRequest.get("/chat").header("Sec-WebSocket-Protocol", offer));
			// RFC 6455 §4.2.2 step 5.5: exactly one of the offered values, or none
			assertThat(head.headerValues("Sec-WebSocket-Protocol")).containsExactly(selected);
		}

		@Test
		void offersSpreadOverTwoFieldsAreCombined() throws IOException {
			HttpResponseHead head = upgrade(UpgradeRequest.get("/chat")
				.addHeader("Sec-WebSocket-Protocol", "v1.chat")
				.addHeader("Sec-WebSocket-Protocol", "v2.chat"));
			assertThat(head.headerValues("Sec-WebSocket-Protocol")).containsExactly("v2.chat");
		}

		@Test
		void noMatchingOfferMeansNoSubprotocolHeader() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			HttpResponseHead head = client
				.upgrade(UpgradeRequest.get("/chat").header("Sec-WebSocket-Protocol", "mqtt, wamp"));
			// RFC 6455 §4.2.2 step 5.5: a server that selects none sends no header
			assertThat(head.hasHeader("Sec-WebSocket-Protocol")).isFalse();
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

		@Test
		void noOfferMeansNoSubprotocolHeader() throws IOException {
			assertThat(upgrade(UpgradeRequest.get("/chat")).hasHeader("Sec-WebSocket-Protocol")).isFalse();
		}

		@Test
		void endpointWithoutSubprotocolsIgnoresOffers() throws IOException {
			HttpResponseHead head = upgrade(UpgradeRequest.get("/echo").header("Sec-WebSocket-Protocol", "v1.chat"));
			assertThat(head.hasHeader("Sec-WebSocket-Protocol")).isFalse();
		}

		private HttpResponseHead upgrade(UpgradeRequest request) throws IOException {
			return HandshakeConformanceTests.this.fixture.connect().upgrade(request);
		}

	}

	static Stream<Arguments> subprotocolOffers() {
		return Stream.of(Arguments.of("v1.chat, v2.chat", "v2.chat"), Arguments.of("v2.chat, v1.chat", "v2.chat"),
				Arguments.of("v1.chat", "v1.chat"), Arguments.of("mqtt, v1.chat", "v1.chat"),
				Arguments.of("v1.chat,v2.chat", "v2.chat"));
	}

	@Nested
	@DisplayName("RFC 6455 §9.1 extensions the server does not know")
	class Extensions {

		@ParameterizedTest(name = "Sec-WebSocket-Extensions: {0} -> declined")
		@ValueSource(strings = { "permessage-deflate; client_max_window_bits", "x-webkit-deflate-frame",
				"foo, bar; baz=1", "permessage-deflate; server_no_context_takeover, x-unknown" })
		void unknownOrDisabledExtensionsAreDeclined(String offer) throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			HttpResponseHead head = client
				.upgrade(UpgradeRequest.get("/echo").header("Sec-WebSocket-Extensions", offer));
			// RFC 6455 §9.1: the server accepts none of them, so it sends no header
			assertThat(head.hasHeader("Sec-WebSocket-Extensions")).isFalse();
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

	}

	@Nested
	@DisplayName("upgrade checks")
	class UpgradeChecks {

		@BeforeEach
		void restartWithSecureEndpoint() throws IOException {
			UpgradeCheck requireToken = (request, pathVariables, attributes) -> {
				if (!"Bearer s3cret".equals(request.header("Authorization"))) {
					throw new WsHandshakeException(401, "missing or wrong token", Map.of("WWW-Authenticate", "Bearer"));
				}
				attributes.put("user", "alice");
				attributes.put("room", pathVariables.get("room"));
			};
			WsHandler greeter = new WsHandler() {
				@Override
				public void onOpen(WsSession session) {
					session.sendText(
							"user=" + session.attributes().get("user") + " room=" + session.attributes().get("room"));
				}
			};
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture.restart(
					UnaryOperator.identity(),
					Endpoint.of("/rooms/{room}", greeter).withUpgradeChecks(List.of(requireToken)));
		}

		@Test
		void checkRejectsWith401AndItsHeaders() throws IOException {
			HttpResponseHead head = assertRejected(UpgradeRequest.get("/rooms/lobby"), 401);
			assertThat(head.headerValues("WWW-Authenticate")).containsExactly("Bearer");
		}

		@Test
		void checkAttributesReachTheSession() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get("/rooms/lobby").header("Authorization", "Bearer s3cret"));
			ServerFrame greeting = client.readFrame();
			assertThat(greeting.text()).isEqualTo("user=alice room=lobby");
		}

	}

	@Nested
	@DisplayName("handshake timeout")
	class HandshakeTimeout {

		private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(200);

		@BeforeEach
		void restartWithShortTimeout() throws IOException {
			WsLimits limits = WsLimits.builder().handshakeTimeout(HANDSHAKE_TIMEOUT).build();
			HandshakeConformanceTests.this.fixture = HandshakeConformanceTests.this.fixture
				.restart((config) -> config.withLimits(limits));
		}

		@Test
		void silentClientIsDropped() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			// our choice: dropped without a response, as no request was received
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}

		@Test
		void clientStuckInTheMiddleOfTheHeadIsDropped() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.connect();
			client.send("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}

		@Test
		void upgradedConnectionOutlivesTheHandshakeTimeout() throws IOException {
			RawWsClient client = HandshakeConformanceTests.this.fixture.open();
			// the timeout covers the handshake only: the session must still echo after it
			client.assertStaysOpen(HANDSHAKE_TIMEOUT.multipliedBy(3));
			AbstractEchoConformanceTests.assertStillEchoes(client);
		}

	}

}
