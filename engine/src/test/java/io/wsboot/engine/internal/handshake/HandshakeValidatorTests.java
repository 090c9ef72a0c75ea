package io.wsboot.engine.internal.handshake;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link HandshakeValidator}.
 */
class HandshakeValidatorTests {

	private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54321);

	@Nested
	@DisplayName("RFC 6455 §4.2.1 valid requests")
	class ValidRequests {

		@Test
		void rfc6455Section1_2SampleRequestIsValid() {
			HandshakeRequest request = parse("""
					GET /chat HTTP/1.1\r
					Host: server.example.com\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
					Origin: http://example.com\r
					Sec-WebSocket-Protocol: chat, superchat\r
					Sec-WebSocket-Version: 13\r
					\r
					""");
			assertThatNoException().isThrownBy(() -> HandshakeValidator.validate(request));
		}

		@Test
		void firefoxConnectionHeaderWithKeepAliveIsValid() {
			assertValid(valid().with("connection", "keep-alive, Upgrade"));
		}

		@Test
		void tokensAreCaseInsensitive() {
			assertValid(valid().with("upgrade", "WebSocket").with("connection", "UPGRADE"));
		}

		@Test
		void tokensMayBeSpreadOverSeveralHeaderLines() {
			assertValid(valid().with("upgrade", "h2c", "websocket").with("connection", "keep-alive", "upgrade"));
		}

		@Test
		void tokenListsMayHaveEmptyElementsAndWhitespace() {
			assertValid(valid().with("upgrade", " , h2c ,\twebsocket , ").with("connection", ",upgrade,"));
		}

		@Test
		void laterMinorVersionIsValid() {
			assertValid(valid().version("HTTP/1.2"));
		}

		@Test
		void emptyHostIsValid() {
			assertValid(valid().with("host", ""));
		}

		@Test
		void zeroContentLengthIsValid() {
			assertValid(valid().with("content-length", "0"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 item 1 method and version")
	class MethodAndVersion {

		@ParameterizedTest(name = "method {0}")
		@ValueSource(strings = { "POST", "PUT", "HEAD", "OPTIONS", "CONNECT", "get" })
		void methodOtherThanGetIsRejectedWith405AndAllow(String method) {
			assertRejected(valid().method(method), 405, "method must be GET but was '" + method + "'",
					Map.of("Allow", "GET"));
		}

		@ParameterizedTest(name = "version {0}")
		@ValueSource(strings = { "HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/3.0", "HTTP/1.", "HTTP/1.x" })
		void versionBelowHttp11OrOtherThan1xIsRejectedWith400(String version) {
			assertRejected(valid().version(version), 400,
					"HTTP version must be HTTP/1.1 or higher but was '" + version + "'", Map.of());
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 item 2 Host")
	class Host {

		@Test
		void missingHostIsRejectedWith400() {
			assertRejected(valid().without("host"), 400, "missing Host header", Map.of());
		}

		@Test
		void repeatedHostIsRejectedWith400() {
			// RFC 9112 §3.2: more than one Host field line MUST be answered with 400
			assertRejected(valid().with("host", "a.example", "b.example"), 400, "more than one Host header", Map.of());
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 items 3 and 4 Upgrade and Connection")
	class UpgradeAndConnection {

		@Test
		void missingUpgradeIsRejectedWith400() {
			assertRejected(valid().without("upgrade"), 400, "Upgrade header must be websocket but was absent",
					Map.of());
		}

		@ParameterizedTest(name = "Upgrade: {0}")
		@ValueSource(strings = { "h2c", "websocket2", "websocket/13", "web socket", "" })
		void upgradeWithoutWebsocketTokenIsRejectedWith400(String upgrade) {
			assertRejected(valid().with("upgrade", upgrade), 400,
					"Upgrade header must be websocket but was '" + upgrade + "'", Map.of());
		}

		@Test
		void severalUpgradeValuesAreNamedInTheMessage() {
			assertRejected(valid().with("upgrade", "h2c", "TLS/1.2"), 400,
					"Upgrade header must be websocket but was 'h2c, TLS/1.2'", Map.of());
		}

		@Test
		void missingConnectionIsRejectedWith400() {
			assertRejected(valid().without("connection"), 400, "Connection header must contain upgrade but was absent",
					Map.of());
		}

		@ParameterizedTest(name = "Connection: {0}")
		@ValueSource(strings = { "keep-alive", "close", "upgraded", "keep-alive upgrade" })
		void connectionWithoutUpgradeTokenIsRejectedWith400(String connection) {
			assertRejected(valid().with("connection", connection), 400,
					"Connection header must contain upgrade but was '" + connection + "'", Map.of());
		}

		@Test
		void longValuesAreShortenedInTheMessage() {
			String upgrade = "x".repeat(100);
			assertRejected(valid().with("upgrade", upgrade), 400,
					"Upgrade header must be websocket but was '" + "x".repeat(64) + "...'", Map.of());
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 item 6 and §4.2.2 Sec-WebSocket-Version")
	class Version {

		private static final Map<String, String> SUPPORTED_VERSION = Map.of("Sec-WebSocket-Version", "13");

		@Test
		void missingVersionIsRejectedWith426AndTheSupportedVersion() {
			assertRejected(valid().without("sec-websocket-version"), 426,
					"Sec-WebSocket-Version must be 13 but was absent", SUPPORTED_VERSION);
		}

		@ParameterizedTest(name = "Sec-WebSocket-Version: {0}")
		@ValueSource(strings = { "8", "7", "12", "14", "013", "13, 8", "" })
		void otherVersionIsRejectedWith426AndTheSupportedVersion(String version) {
			assertRejected(valid().with("sec-websocket-version", version), 426,
					"Sec-WebSocket-Version must be 13 but was '" + version + "'", SUPPORTED_VERSION);
		}

		@Test
		void repeatedVersionIsRejectedWith426() {
			// RFC 6455 §11.3.5: the header MUST NOT appear more than once in a request
			assertRejected(valid().with("sec-websocket-version", "13", "13"), 426,
					"Sec-WebSocket-Version must be 13 but was '13, 13'", SUPPORTED_VERSION);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 item 5 Sec-WebSocket-Key")
	class Key {

		@Test
		void missingKeyIsRejectedWith400() {
			assertRejected(valid().without("sec-websocket-key"), 400, "missing Sec-WebSocket-Key header", Map.of());
		}

		@Test
		void repeatedKeyIsRejectedWith400() {
			// RFC 6455 §11.3.1: the header MUST NOT appear more than once in a request
			assertRejected(valid().with("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==", "x3JJHMbDL1EzLkh9GBhXDw=="),
					400, "more than one Sec-WebSocket-Key header", Map.of());
		}

		@ParameterizedTest(name = "Sec-WebSocket-Key: {0}")
		@ValueSource(strings = { "", "not base64!", "x3JJHMbDL1EzLkh9GBhXDw", "x3JJHMbDL1EzLkh9GBhXDx==",
				"x3JJHMbDL1EzLkh9GBhX", "x3JJHMbDL1EzLkh9GBhXDw==AA==", "x3JJHMbDL1EzLkh9GBhXDw=" })
		void keyThatIsNotBase64Of16BytesIsRejectedWith400(String key) {
			assertRejected(valid().with("sec-websocket-key", key), 400,
					"Sec-WebSocket-Key must be base64 of 16 bytes but was '" + key + "'", Map.of());
		}

		@ParameterizedTest(name = "{0}-byte nonce")
		@ValueSource(ints = { 0, 1, 15, 17, 32 })
		void keyOfAnotherNonceSizeIsRejectedWith400(int size) {
			byte[] nonce = new byte[size];
			Arrays.fill(nonce, (byte) 0x5A);
			String key = Base64.getEncoder().encodeToString(nonce);
			assertRejected(valid().with("sec-websocket-key", key), 400,
					"Sec-WebSocket-Key must be base64 of 16 bytes but was '" + key + "'", Map.of());
		}

		@Test
		void urlSafeBase64IsRejectedWith400() {
			String key = "-_-_-_-_-_-_-_-_-_-_-A==";
			assertRejected(valid().with("sec-websocket-key", key), 400,
					"Sec-WebSocket-Key must be base64 of 16 bytes but was '" + key + "'", Map.of());
		}

	}

	@Nested
	@DisplayName("RFC 9112 §6.3 no request body")
	class NoBody {

		@Test
		void transferEncodingIsRejectedWith400() {
			assertRejected(valid().with("transfer-encoding", "chunked"), 400,
					"upgrade request must not have a body but has Transfer-Encoding", Map.of());
		}

		@Test
		void nonZeroContentLengthIsRejectedWith400() {
			assertRejected(valid().with("content-length", "5"), 400,
					"upgrade request must not have a body but has Content-Length '5'", Map.of());
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 order of checks")
	class Order {

		@Test
		void methodIsCheckedFirst() {
			assertRejected(new Request().method("POST").version("HTTP/1.0"), 405, "method must be GET but was 'POST'",
					Map.of("Allow", "GET"));
		}

		@Test
		void versionIsCheckedBeforeHost() {
			assertRejected(new Request().version("HTTP/1.0"), 400,
					"HTTP version must be HTTP/1.1 or higher but was 'HTTP/1.0'", Map.of());
		}

		@Test
		void hostIsCheckedBeforeUpgrade() {
			assertRejected(new Request(), 400, "missing Host header", Map.of());
		}

		@Test
		void upgradeIsCheckedBeforeConnection() {
			assertRejected(new Request().with("host", "a"), 400, "Upgrade header must be websocket but was absent",
					Map.of());
		}

		@Test
		void connectionIsCheckedBeforeVersion() {
			assertRejected(new Request().with("host", "a").with("upgrade", "websocket"), 400,
					"Connection header must contain upgrade but was absent", Map.of());
		}

		@Test
		void websocketVersionIsCheckedBeforeKey() {
			assertRejected(valid().without("sec-websocket-key").with("sec-websocket-version", "8"), 426,
					"Sec-WebSocket-Version must be 13 but was '8'", Map.of("Sec-WebSocket-Version", "13"));
		}

		@Test
		void keyIsCheckedBeforeBody() {
			assertRejected(valid().without("sec-websocket-key").with("content-length", "3"), 400,
					"missing Sec-WebSocket-Key header", Map.of());
		}

	}

	private static Request valid() {
		return new Request().with("host", "localhost:8090")
			.with("upgrade", "websocket")
			.with("connection", "Upgrade")
			.with("sec-websocket-version", "13")
			.with("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");
	}

	private static void assertValid(Request request) {
		assertThatNoException().isThrownBy(() -> HandshakeValidator.validate(request.build()));
	}

	private static void assertRejected(Request request, int status, String message, Map<String, String> headers) {
		HandshakeRequest built = request.build();
		assertThatExceptionOfType(WsHandshakeException.class).isThrownBy(() -> HandshakeValidator.validate(built))
			.withMessage(message)
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(status);
				assertThat(ex.headers()).isEqualTo(headers);
			});
	}

	private static HandshakeRequest parse(String head) {
		HandshakeRequest request = new HandshakeRequestParser(8192)
			.parse(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)), REMOTE);
		assertThat(request).isNotNull();
		return request;
	}

	/**
	 * Builds a request field by field, as the parser would have produced it.
	 */
	private static final class Request {

		private String method = "GET";

		private String version = "HTTP/1.1";

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		Request method(String method) {
			this.method = method;
			return this;
		}

		Request version(String version) {
			this.version = version;
			return this;
		}

		Request with(String name, String... values) {
			this.headers.put(name, List.of(values));
			return this;
		}

		Request without(String name) {
			this.headers.remove(name);
			return this;
		}

		HandshakeRequest build() {
			return new HandshakeRequest(this.method, "/chat", "/chat", "", this.version, this.headers, 100, REMOTE);
		}

	}

}
