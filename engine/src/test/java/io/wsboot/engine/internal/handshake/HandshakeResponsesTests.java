package io.wsboot.engine.internal.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.WsHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HandshakeResponses}.
 */
class HandshakeResponsesTests {

	@Nested
	@DisplayName("RFC 6455 §4.2.2 101 Switching Protocols")
	class SwitchingProtocols {

		@Test
		void rfc6455Section1_3SampleResponse() {
			ByteBuffer response = HandshakeResponses.switchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "chat",
					List.of());
			assertThat(ascii(response)).isEqualTo("""
					HTTP/1.1 101 Switching Protocols\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
					Sec-WebSocket-Protocol: chat\r
					\r
					""");
		}

		@Test
		void withoutSubprotocolOrExtensions() {
			ByteBuffer response = HandshakeResponses.switchingProtocols("HSmrc0sMlYUkAGmm5OPpG2HaGWk=", null,
					List.of());
			assertThat(ascii(response)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=\r\n\r\n");
		}

		@Test
		void extensionsAreJoinedInOneHeader() {
			ByteBuffer response = HandshakeResponses.switchingProtocols("HSmrc0sMlYUkAGmm5OPpG2HaGWk=", "v2.chat",
					List.of("permessage-deflate; server_no_context_takeover", "x-other"));
			assertThat(ascii(response)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Accept: HSmrc0sMlYUkAGmm5OPpG2HaGWk=\r\n"
					+ "Sec-WebSocket-Protocol: v2.chat\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover, x-other\r\n\r\n");
		}

		@Test
		void bufferIsPositionedAtTheFirstByte() {
			ByteBuffer response = HandshakeResponses.switchingProtocols("HSmrc0sMlYUkAGmm5OPpG2HaGWk=", null,
					List.of());
			assertThat(response.position()).isZero();
			assertThat(response.remaining()).isEqualTo(129);
		}

		@Test
		void subprotocolThatIsNotATokenIsRefused() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> HandshakeResponses.switchingProtocols("a", "chat\r\nSet-Cookie: x", List.of()))
				.withMessage("subprotocol must be a token but was 'chat??Set-Cookie: x'");
		}

		@Test
		void extensionElementWithLineBreakIsRefused() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> HandshakeResponses.switchingProtocols("a", null, List.of("x\r\nSet-Cookie: y")))
				.withMessage("Sec-WebSocket-Extensions value contains the invalid character 0x0D at index 1");
		}

		@Test
		void acceptKeyWithLineBreakIsRefused() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> HandshakeResponses.switchingProtocols("a\nb", null, List.of()))
				.withMessage("Sec-WebSocket-Accept value contains the invalid character 0x0A at index 1");
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 and §4.4 error responses")
	class Errors {

		@Test
		void badRequest() {
			ByteBuffer response = HandshakeResponses.error(400, "missing Host header", Map.of());
			assertThat(utf8(response)).isEqualTo("""
					HTTP/1.1 400 Bad Request\r
					Content-Type: text/plain; charset=utf-8\r
					Content-Length: 20\r
					Connection: close\r
					\r
					missing Host header
					""");
		}

		@Test
		void upgradeRequiredFromTheValidatorException() {
			WsHandshakeException ex = new WsHandshakeException(426, "Sec-WebSocket-Version must be 13 but was '8'",
					Map.of("Sec-WebSocket-Version", "13"));
			assertThat(utf8(HandshakeResponses.error(ex))).isEqualTo("""
					HTTP/1.1 426 Upgrade Required\r
					Content-Type: text/plain; charset=utf-8\r
					Content-Length: 45\r
					Connection: close\r
					Sec-WebSocket-Version: 13\r
					\r
					Sec-WebSocket-Version must be 13 but was '8'
					""");
		}

		@Test
		void methodNotAllowedWithAllow() {
			WsHandshakeException ex = new WsHandshakeException(405, "method must be GET but was 'POST'",
					Map.of("Allow", "GET"));
			assertThat(utf8(HandshakeResponses.error(ex))).isEqualTo("""
					HTTP/1.1 405 Method Not Allowed\r
					Content-Type: text/plain; charset=utf-8\r
					Content-Length: 34\r
					Connection: close\r
					Allow: GET\r
					\r
					method must be GET but was 'POST'
					""");
		}

		@Test
		void extraHeadersAreSortedByName() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("X-b", "2");
			headers.put("Retry-After", "30");
			headers.put("x-A", "1");
			assertThat(utf8(HandshakeResponses.error(503, "busy", headers))).isEqualTo("""
					HTTP/1.1 503 Service Unavailable\r
					Content-Type: text/plain; charset=utf-8\r
					Content-Length: 5\r
					Connection: close\r
					Retry-After: 30\r
					x-A: 1\r
					X-b: 2\r
					\r
					busy
					""");
		}

		@Test
		void contentLengthCountsUtf8Bytes() {
			ByteBuffer response = HandshakeResponses.error(403, "origin 'https://\u00e9vil.example' is not allowed",
					Map.of());
			String text = utf8(response);
			assertThat(text).contains("Content-Length: 46\r\n");
			assertThat(text).endsWith("\r\n\r\norigin 'https://\u00e9vil.example' is not allowed\n");
			assertThat(response.remaining()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
		}

		@Test
		void lineBreaksInTheReasonCannotInjectHeaders() {
			ByteBuffer response = HandshakeResponses.error(400, "bad\r\nSet-Cookie: session=evil\r\n\r\nbody",
					Map.of());
			assertThat(utf8(response)).isEqualTo("""
					HTTP/1.1 400 Bad Request\r
					Content-Type: text/plain; charset=utf-8\r
					Content-Length: 38\r
					Connection: close\r
					\r
					bad  Set-Cookie: session=evil    body
					""");
		}

		@Test
		void lineBreaksInHeaderValuesCannotInjectHeaders() {
			ByteBuffer response = HandshakeResponses.error(401, "who are you",
					Map.of("WWW-Authenticate", "Bearer\r\nSet-Cookie: x=\u00e9"));
			assertThat(utf8(response)).contains("\r\nWWW-Authenticate: Bearer  Set-Cookie: x=?\r\n\r\n");
		}

		@Test
		void headerNameThatIsNotATokenIsRefused() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> HandshakeResponses.error(400, "x", Map.of("X-A\r\nX-B", "1")))
				.withMessage("header name must be a token but was 'X-A??X-B'");
		}

		@Test
		void headersTheResponseWritesItselfAreRefused() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> HandshakeResponses.error(400, "x", Map.of("content-length", "0")))
				.withMessage("header content-length is written by the error response itself");
		}

		@Test
		void statusOutsideTheErrorRangeIsRefused() {
			assertThatIllegalArgumentException().isThrownBy(() -> HandshakeResponses.error(101, "x", Map.of()))
				.withMessage("error status must be between 400 and 599 but was 101");
		}

		@ParameterizedTest(name = "{0} {1}")
		@CsvSource(delimiter = '|', textBlock = """
				400 | Bad Request
				401 | Unauthorized
				403 | Forbidden
				404 | Not Found
				405 | Method Not Allowed
				408 | Request Timeout
				426 | Upgrade Required
				429 | Too Many Requests
				431 | Request Header Fields Too Large
				500 | Internal Server Error
				503 | Service Unavailable
				418 | Client Error
				502 | Server Error
				""")
		void statusLineHasTheStandardReasonPhrase(int status, String phrase) {
			assertThat(utf8(HandshakeResponses.error(status, "x", Map.of())))
				.startsWith("HTTP/1.1 " + status + " " + phrase + "\r\n");
		}

	}

	private static String ascii(ByteBuffer buffer) {
		return StandardCharsets.US_ASCII.decode(buffer.duplicate()).toString();
	}

	private static String utf8(ByteBuffer buffer) {
		return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
	}

}
