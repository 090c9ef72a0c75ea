package io.wsboot.engine.internal.handshake;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link HandshakeRequestParser}.
 */
class HandshakeRequestParserTests {

	private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54321);

	private static final int MAX_HEAD_BYTES = 8192;

	/** The header set Chromium sends when a page opens {@code new WebSocket(...)}. */
	private static final String CHROMIUM_REQUEST = """
			GET /chat/lobby?token=abc%20def&x=1 HTTP/1.1\r
			Host: localhost:8090\r
			Connection: Upgrade\r
			Pragma: no-cache\r
			Cache-Control: no-cache\r
			User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r
			Upgrade: websocket\r
			Origin: http://localhost:8080\r
			Sec-WebSocket-Version: 13\r
			Accept-Encoding: gzip, deflate, br, zstd\r
			Accept-Language: en-US,en;q=0.9\r
			Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r
			Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r
			\r
			""";

	private static final String MINIMAL_REQUEST = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

	@Nested
	@DisplayName("RFC 6455 §4.1 client handshake")
	class ClientHandshake {

		@Test
		void chromiumRequestIsParsedExactly() {
			HandshakeRequest request = parse(CHROMIUM_REQUEST);
			assertThat(request).isEqualTo(chromiumRequest());
			assertThat(request.headBytes()).isEqualTo(CHROMIUM_REQUEST.length()).isEqualTo(517);
			assertThat(request.header("Sec-WebSocket-Key")).isEqualTo("x3JJHMbDL1EzLkh9GBhXDw==");
			assertThat(request.queryParameter("token")).containsExactly("abc def");
		}

		@Test
		void chromiumRequestFedByteByByte() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			byte[] bytes = bytes(CHROMIUM_REQUEST);
			for (int i = 0; i < bytes.length - 1; i++) {
				ByteBuffer single = ByteBuffer.wrap(bytes, i, 1);
				assertThat(parser.parse(single, REMOTE)).as("after byte %d", i).isNull();
				assertThat(single.hasRemaining()).isFalse();
			}
			ByteBuffer last = ByteBuffer.wrap(bytes, bytes.length - 1, 1);
			assertThat(parser.parse(last, REMOTE)).isEqualTo(chromiumRequest());
			assertThat(last.hasRemaining()).isFalse();
		}

		@Test
		void chromiumRequestSplitAtEveryPoint() {
			byte[] bytes = bytes(CHROMIUM_REQUEST);
			HandshakeRequest expected = chromiumRequest();
			for (int split = 0; split < bytes.length; split++) {
				HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
				ByteBuffer first = ByteBuffer.wrap(bytes, 0, split);
				assertThat(parser.parse(first, REMOTE)).as("first part of split %d", split).isNull();
				assertThat(first.hasRemaining()).isFalse();
				ByteBuffer second = ByteBuffer.wrap(bytes, split, bytes.length - split);
				assertThat(parser.parse(second, REMOTE)).as("split %d", split).isEqualTo(expected);
				assertThat(second.hasRemaining()).isFalse();
			}
		}

		@Test
		void bytesAfterTheHeadStayInTheBuffer() {
			byte[] head = bytes(CHROMIUM_REQUEST);
			// RFC 6455 §5.7: a masked "Hello" sent right behind the request
			byte[] frame = { (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51,
					0x58 };
			ByteBuffer in = ByteBuffer.allocate(head.length + frame.length).put(head).put(frame).flip();
			HandshakeRequest request = new HandshakeRequestParser(MAX_HEAD_BYTES).parse(in, REMOTE);
			assertThat(request).isEqualTo(chromiumRequest());
			assertThat(in.position()).isEqualTo(head.length);
			byte[] rest = new byte[in.remaining()];
			in.get(rest);
			assertThat(rest).containsExactly(frame);
		}

		@Test
		void bytesAfterTheHeadStayInTheBufferWhenTheHeadEndsInALaterRead() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			assertThat(parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r")), REMOTE)).isNull();
			ByteBuffer in = ByteBuffer.wrap(new byte[] { '\n', (byte) 0x88, (byte) 0x80 });
			HandshakeRequest request = parser.parse(in, REMOTE);
			assertThat(request).isNotNull();
			assertThat(request.headBytes()).isEqualTo(MINIMAL_REQUEST.length());
			assertThat(in.position()).isEqualTo(1);
			assertThat(in.remaining()).isEqualTo(2);
		}

		@Test
		void headBytesCountsTheFinalCrlf() {
			assertThat(parse(MINIMAL_REQUEST).headBytes()).isEqualTo(27);
		}

	}

	@Nested
	@DisplayName("RFC 9112 §3 request line")
	class RequestLine {

		@ParameterizedTest(name = "target ''{0}'' -> path ''{1}'', query ''{2}''")
		@CsvSource(delimiter = '|', textBlock = """
				/a/b?c=1?d | /a/b  | c=1?d
				/chat      | /chat | ''
				/chat?     | /chat | ''
				""")
		void targetIsSplitAtTheFirstQuestionMark(String target, String path, String query) {
			HandshakeRequest request = parse("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
			assertThat(request.target()).isEqualTo(target);
			assertThat(request.path()).isEqualTo(path);
			assertThat(request.query()).isEqualTo(query);
		}

		@Test
		void methodAndVersionAreKeptAsSentForTheValidator() {
			HandshakeRequest request = parse("POST / HTTP/1.0\r\nHost: a\r\n\r\n");
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.version()).isEqualTo("HTTP/1.0");
		}

		@Test
		void emptyLinesBeforeTheRequestLineAreIgnored() {
			// RFC 9112 §2.2: a server SHOULD ignore at least one leading empty line
			HandshakeRequest request = parse("\r\n\r\n" + MINIMAL_REQUEST);
			assertThat(request.path()).isEqualTo("/");
			assertThat(request.headBytes()).isEqualTo(4 + MINIMAL_REQUEST.length());
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', quoteCharacter = '"',
				textBlock = """
						method only             | GET                                  | <parts>
						no version              | GET /                                | <parts>
						two spaces after method | GET  / HTTP/1.1                      | <parts>
						missing target          | GET  HTTP/1.1                        | malformed request line: empty request target
						trailing space          | "GET / HTTP/1.1 "                    | <parts>
						space in target         | GET /a b HTTP/1.1                    | <parts>
						leading space           | " GET / HTTP/1.1"                    | <parts>
						missing method          | " / HTTP/1.1"                        | malformed request line: empty method
						tab separator           | GET\t/ HTTP/1.1                      | malformed request line: invalid character 0x09 in method
						delimiter in method     | GE(T / HTTP/1.1                      | malformed request line: invalid character 0x28 in method
						control in target       | GET /a\u0001b HTTP/1.1               | malformed request line: invalid character 0x01 in request target
						non-ASCII in target     | GET /caf\u00e9 HTTP/1.1              | malformed request line: invalid character 0xE9 in request target
						absolute-form target    | GET http://example.com/chat HTTP/1.1 | request target must be in origin-form (start with '/') but was 'http://example.com/chat'
						asterisk-form target    | GET * HTTP/1.1                       | request target must be in origin-form (start with '/') but was '*'
						fragment in target      | GET /chat#top HTTP/1.1               | request target must not contain a fragment
						lower-case protocol     | GET / http/1.1                       | malformed request line: invalid HTTP version 'http/1.1'
						version without minor   | GET / HTTP/1                         | malformed request line: invalid HTTP version 'HTTP/1'
						two-digit major         | GET / HTTP/11.1                      | malformed request line: invalid HTTP version 'HTTP/11.1'
						not HTTP                | GET / SPDY/3.1                       | malformed request line: invalid HTTP version 'SPDY/3.1'
						""")
		void malformedRequestLineIsRejectedWith400(String description, String requestLine, String message) {
			String expected = message.replace("<parts>",
					"malformed request line: expected method, target and version separated by single spaces");
			assertRejected(requestLine + "\r\nHost: a\r\n\r\n", 400, expected);
		}

		@Test
		void tlsClientHelloFailsOnItsFirstByte() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			ByteBuffer in = ByteBuffer.wrap(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00 });
			assertRejected(parser, in, 400, "malformed request line: invalid character 0x16 in method");
		}

	}

	@Nested
	@DisplayName("RFC 9112 §5 header fields")
	class HeaderFields {

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.wsboot.engine.internal.handshake.HandshakeRequestParserTests#headerFields")
		void fieldLinesBecomeHeaders(String description, String fieldLines, Map<String, List<String>> headers) {
			HandshakeRequest request = parse("GET / HTTP/1.1\r\n" + fieldLines + "\r\n");
			assertThat(request.headers()).containsExactlyInAnyOrderEntriesOf(headers);
		}

		@Test
		void nonAsciiBytesAreDecodedAsIso88591() {
			// RFC 9110 §5.5: obs-text is opaque; one byte becomes one character
			byte[] head = new byte[] { 'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1', '\r', '\n',
					'X', '-', 'L', ':', ' ', (byte) 0xE9, '\r', '\n', 'X', '-', 'U', ':', ' ', (byte) 0xC3, (byte) 0xA9,
					'\r', '\n', '\r', '\n' };
			HandshakeRequest request = new HandshakeRequestParser(MAX_HEAD_BYTES).parse(ByteBuffer.wrap(head), REMOTE);
			assertThat(request.header("x-l")).isEqualTo("\u00e9");
			assertThat(request.header("x-u")).isEqualTo("\u00c3\u00a9");
		}

		@Test
		void requestWithoutHeadersIsParsedForTheValidatorToReject() {
			HandshakeRequest request = parse("GET / HTTP/1.1\r\n\r\n");
			assertThat(request.headers()).isEmpty();
			assertThat(request.headBytes()).isEqualTo(18);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.wsboot.engine.internal.handshake.HandshakeRequestParserTests#malformedFieldLines")
		void malformedFieldLineIsRejectedWith400(String description, String fieldLines, String message) {
			assertRejected("GET / HTTP/1.1\r\n" + fieldLines + "\r\n", 400, message);
		}

		@ParameterizedTest(name = "control character {0} in a value")
		@ValueSource(ints = { 0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F })
		void controlCharacterInValueIsRejectedWith400(int control) {
			assertRejected("GET / HTTP/1.1\r\nHost: a\r\nX-A: a" + (char) control + "b\r\n\r\n", 400,
					"control character " + String.format("0x%02X", control) + " in value of header field 'x-a'");
		}

	}

	static Stream<Arguments> headerFields() {
		return Stream.of(
				Arguments.of("names are lower-cased", "HOST: a\r\nSec-WebSocket-KEY: k\r\n",
						headers("host", List.of("a"), "sec-websocket-key", List.of("k"))),
				Arguments.of("repeated names keep their values in order",
						"X-A: 1\r\nHost: a\r\nx-a: 2\r\nX-A: 3, 4\r\nSec-WebSocket-Protocol: chat\r\n"
								+ "Sec-WebSocket-Protocol: v2.chat\r\n",
						headers("x-a", List.of("1", "2", "3, 4"), "host", List.of("a"), "sec-websocket-protocol",
								List.of("chat", "v2.chat"))),
				Arguments.of("values are trimmed of optional whitespace", "Host:a\r\nX-A: \t padded value \t \r\n",
						headers("host", List.of("a"), "x-a", List.of("padded value"))),
				Arguments.of("values keep inner whitespace", "Host: a\r\nX-A: one\ttwo  three\r\n",
						headers("host", List.of("a"), "x-a", List.of("one\ttwo  three"))),
				Arguments.of("empty values are kept", "Host: a\r\nX-Empty:\r\nX-Blank:   \r\n",
						headers("host", List.of("a"), "x-empty", List.of(""), "x-blank", List.of(""))),
				Arguments.of("colons in values are kept", "Host: [::1]:8090\r\n",
						headers("host", List.of("[::1]:8090"))));
	}

	/**
	 * Return header names and values in order, as {@link HandshakeRequest#headers()}
	 * keeps them.
	 */
	private static Map<String, List<String>> headers(Object... namesAndValues) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			@SuppressWarnings("unchecked")
			List<String> values = (List<String>) namesAndValues[i + 1];
			headers.put((String) namesAndValues[i], values);
		}
		return headers;
	}

	static Stream<Arguments> malformedFieldLines() {
		return Stream.of(Arguments.of("no colon", "Host a\r\n", "header field line without colon"),
				Arguments.of("empty name", ": a\r\n", "empty header field name"),
				Arguments.of("space before colon", "Host : a\r\n", "whitespace between header field name and colon"),
				Arguments.of("tab before colon", "Host\t: a\r\n", "whitespace between header field name and colon"),
				Arguments.of("space inside name", "X Y: a\r\n", "invalid character 0x20 in header field name"),
				Arguments.of("delimiter in name", "X(Y): a\r\n", "invalid character 0x28 in header field name"),
				Arguments.of("non-ASCII in name", "X\u00e9: a\r\n", "invalid character 0xE9 in header field name"),
				Arguments.of("obsolete line folding with space", "Host: a\r\nX-A: first\r\n second\r\n",
						"obsolete line folding in header field"),
				Arguments.of("obsolete line folding with tab", "Host: a\r\nX-A: first\r\n\tsecond\r\n",
						"obsolete line folding in header field"),
				Arguments.of("whitespace before the first field", " Host: a\r\n",
						"whitespace between the request line and the first header field"));
	}

	static Stream<Arguments> lineEndsOtherThanCrlf() {
		String bareLf = "bare LF in request head; lines must end with CRLF";
		return Stream.of(Arguments.of("bare LF after the request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", bareLf),
				Arguments.of("LF-only request", "GET / HTTP/1.1\nHost: a\n\n", bareLf),
				Arguments.of("bare CR in a value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n",
						"bare CR in request head"),
				Arguments.of("bare CR in the request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n",
						"bare CR in request head"));
	}

	@Nested
	@DisplayName("RFC 9112 §2.2 message framing")
	class MessageFraming {

		@ParameterizedTest(name = "{0} -> 400")
		@MethodSource("io.wsboot.engine.internal.handshake.HandshakeRequestParserTests#lineEndsOtherThanCrlf")
		void lineEndOtherThanCrlfIsRejectedWith400(String description, String head, String message) {
			// we choose not to accept a bare LF as a line terminator, see the class
			// javadoc
			assertRejected(head, 400, message);
		}

		@Test
		void bareLfFailsBeforeTheHeadIsComplete() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			ByteBuffer in = ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nHost: a\n"));
			assertRejected(parser, in, 400, "bare LF in request head; lines must end with CRLF");
		}

		@Test
		void crAtTheEndOfAReadWaitsForTheNextByte() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			assertThat(parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r")), REMOTE)).isNull();
			assertThat(parser.parse(ByteBuffer.wrap(bytes("\nHost: a\r\n\r")), REMOTE)).isNull();
			assertThat(parser.parse(ByteBuffer.wrap(bytes("\n")), REMOTE)).isNotNull();
		}

	}

	@Nested
	@DisplayName("RFC 6585 §5 request head size limit")
	class HeadSizeLimit {

		private static final int LIMIT = 64;

		@Test
		void headOfExactlyTheLimitIsAccepted() {
			String head = padTo("GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ", LIMIT - 4) + "\r\n\r\n";
			assertThat(head).hasSize(LIMIT);
			HandshakeRequest request = new HandshakeRequestParser(LIMIT).parse(ByteBuffer.wrap(bytes(head)), REMOTE);
			assertThat(request).isNotNull();
			assertThat(request.headBytes()).isEqualTo(LIMIT);
		}

		@Test
		void headOneByteOverTheLimitIsRejectedWith431() {
			String head = padTo("GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ", LIMIT - 3) + "\r\n\r\n";
			assertThat(head).hasSize(LIMIT + 1);
			HandshakeRequestParser parser = new HandshakeRequestParser(LIMIT);
			assertRejected(parser, ByteBuffer.wrap(bytes(head)), 431, "request head exceeds 64 bytes");
		}

		@Test
		void lineWithoutEndIsRejectedWith431OnTheFirstByteOverTheLimit() {
			HandshakeRequestParser parser = new HandshakeRequestParser(LIMIT);
			byte[] bytes = bytes(padTo("GET /", LIMIT));
			for (byte b : bytes) {
				assertThat(parser.parse(ByteBuffer.wrap(new byte[] { b }), REMOTE)).isNull();
			}
			ByteBuffer oneMore = ByteBuffer.wrap(new byte[] { 'a' });
			assertRejected(parser, oneMore, 431, "request head exceeds 64 bytes");
		}

		@Test
		void defaultLimitIsReportedInTheMessage() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			ByteBuffer in = ByteBuffer.wrap(bytes("GET /" + "a".repeat(MAX_HEAD_BYTES)));
			assertRejected(parser, in, 431, "request head exceeds 8192 bytes");
			assertThat(in.position()).isEqualTo(MAX_HEAD_BYTES + 1);
		}

		@Test
		void manyShortHeadersCountTowardTheLimit() {
			String head = "GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(20) + "\r\n";
			HandshakeRequestParser parser = new HandshakeRequestParser(LIMIT);
			assertRejected(parser, ByteBuffer.wrap(bytes(head)), 431, "request head exceeds 64 bytes");
		}

		@Test
		void leadingEmptyLinesCountTowardTheLimit() {
			HandshakeRequestParser parser = new HandshakeRequestParser(LIMIT);
			ByteBuffer in = ByteBuffer.wrap(bytes("\r\n".repeat(LIMIT / 2) + "G"));
			assertRejected(parser, in, 431, "request head exceeds 64 bytes");
		}

		private static String padTo(String prefix, int length) {
			return prefix + "a".repeat(length - prefix.length());
		}

	}

	@Nested
	@DisplayName("parser lifecycle")
	class Lifecycle {

		@Test
		void parserCannotBeReusedAfterARequest() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			assertThat(parser.parse(ByteBuffer.wrap(bytes(MINIMAL_REQUEST)), REMOTE)).isNotNull();
			assertThatIllegalStateException()
				.isThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes(MINIMAL_REQUEST)), REMOTE))
				.withMessage("parser already completed");
		}

		@Test
		void parserCannotBeReusedAfterAFailure() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			assertThatExceptionOfType(WsHandshakeException.class)
				.isThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes("GET /\n")), REMOTE));
			assertThatIllegalStateException()
				.isThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes(MINIMAL_REQUEST)), REMOTE))
				.withMessage("parser already failed");
		}

		@Test
		void emptyBufferNeedsMoreBytes() {
			assertThat(new HandshakeRequestParser(MAX_HEAD_BYTES).parse(ByteBuffer.allocate(0), REMOTE)).isNull();
		}

		@Test
		void limitMustBePositive() {
			assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeRequestParser(0))
				.withMessage("maxHeadBytes must be positive but was 0");
		}

	}

	@Nested
	@DisplayName("the raw head a session keeps instead of the parsed request")
	class RawHead {

		@Test
		void rawHeadIsTheHeadAsReceivedWithoutTheFramesBehindIt() {
			byte[] head = bytes(CHROMIUM_REQUEST);
			byte[] frame = { (byte) 0x88, (byte) 0x80, 1, 2, 3, 4 };
			ByteBuffer in = ByteBuffer.allocate(head.length + frame.length).put(head).put(frame).flip();
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			assertThat(parser.parse(in, REMOTE)).isNotNull();
			assertThat(parser.rawHead()).containsExactly(head);
		}

		@Test
		void rawHeadOfAHeadReceivedByteByByteIncludesLeadingEmptyLines() {
			byte[] head = bytes("\r\n" + MINIMAL_REQUEST);
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			HandshakeRequest request = null;
			for (byte b : head) {
				request = parser.parse(ByteBuffer.wrap(new byte[] { b }), REMOTE);
			}
			assertThat(request).isNotNull();
			assertThat(parser.rawHead()).containsExactly(head);
		}

		@Test
		void keptHeadParsesAgainToAnEqualRequest() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			HandshakeRequest request = parser.parse(ByteBuffer.wrap(bytes(CHROMIUM_REQUEST)), REMOTE);
			assertThat(HandshakeRequestParser.parseHead(parser.rawHead(), REMOTE)).isEqualTo(request)
				.isEqualTo(chromiumRequest());
		}

		@Test
		void repeatedFieldsKeepTheirValuesInOrder() {
			HandshakeRequest request = parse("GET / HTTP/1.1\r\nHost: a\r\nX-Tag: 1\r\nx-tag: 2\r\nX-TAG:3\r\n\r\n");
			assertThat(request.headerValues("X-Tag")).containsExactly("1", "2", "3");
			assertThat(request.headers()).containsOnlyKeys("host", "x-tag");
		}

		@Test
		void pathOfAKeptHeadIsThePathWithoutTheQuery() {
			assertThat(
					HandshakeRequestParser.path(bytes("\r\nGET /chat/lobby?token=a%20b HTTP/1.1\r\nHost: a\r\n\r\n")))
				.isEqualTo("/chat/lobby");
			assertThat(HandshakeRequestParser.path(bytes(MINIMAL_REQUEST))).isEqualTo("/");
		}

		@Test
		void incompleteKeptHeadIsRejected() {
			assertThatExceptionOfType(WsHandshakeException.class)
				.isThrownBy(() -> HandshakeRequestParser.parseHead(bytes("GET / HTTP/1.1\r\n"), REMOTE))
				.withMessage("incomplete request head")
				.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(400));
		}

		@Test
		void rawHeadBeforeTheEndOfTheHeadIsRefused() {
			HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
			assertThat(parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n")), REMOTE)).isNull();
			assertThatIllegalStateException().isThrownBy(parser::rawHead).withMessage("no complete request head");
		}

	}

	private static HandshakeRequest chromiumRequest() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("host", List.of("localhost:8090"));
		headers.put("connection", List.of("Upgrade"));
		headers.put("pragma", List.of("no-cache"));
		headers.put("cache-control", List.of("no-cache"));
		headers.put("user-agent", List
			.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
		headers.put("upgrade", List.of("websocket"));
		headers.put("origin", List.of("http://localhost:8080"));
		headers.put("sec-websocket-version", List.of("13"));
		headers.put("accept-encoding", List.of("gzip, deflate, br, zstd"));
		headers.put("accept-language", List.of("en-US,en;q=0.9"));
		headers.put("sec-websocket-key", List.of("x3JJHMbDL1EzLkh9GBhXDw=="));
		headers.put("sec-websocket-extensions", List.of("permessage-deflate; client_max_window_bits"));
		return new HandshakeRequest("GET", "/chat/lobby?token=abc%20def&x=1", "/chat/lobby", "token=abc%20def&x=1",
				"HTTP/1.1", headers, CHROMIUM_REQUEST.length(), REMOTE);
	}

	private static HandshakeRequest parse(String head) {
		HandshakeRequest request = new HandshakeRequestParser(MAX_HEAD_BYTES).parse(ByteBuffer.wrap(bytes(head)),
				REMOTE);
		assertThat(request).as("complete request").isNotNull();
		return request;
	}

	private static void assertRejected(String head, int status, String message) {
		assertRejected(new HandshakeRequestParser(MAX_HEAD_BYTES), ByteBuffer.wrap(bytes(head)), status, message);
	}

	private static void assertRejected(HandshakeRequestParser parser, ByteBuffer in, int status, String message) {
		assertThatExceptionOfType(WsHandshakeException.class).isThrownBy(() -> parser.parse(in, REMOTE))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(status));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
