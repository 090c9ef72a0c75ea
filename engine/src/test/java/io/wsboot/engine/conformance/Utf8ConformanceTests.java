package io.wsboot.engine.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.wsboot.engine.testclient.ClientFrames.CONTINUATION;
import static io.wsboot.engine.testclient.ClientFrames.TEXT;
import static io.wsboot.engine.testclient.ClientFrames.fragment;
import static io.wsboot.engine.testclient.ClientFrames.hex;
import static io.wsboot.engine.testclient.ClientFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * UTF-8 in text messages on the wire (RFC 6455 §5.6, §8.1; RFC 3629), following
 * Autobahn|Testsuite category 6: valid text is echoed byte for byte, invalid text fails
 * the connection with 1007, and as soon as the invalid byte arrives.
 *
 * @author wsboot
 */
class Utf8ConformanceTests extends AbstractEchoConformanceTests {

	private void assertTextEcho(byte[] payload) throws IOException {
		assertEcho(0x81, payload);
	}

	static Stream<Arguments> validText() {
		return bothWays(Stream.of(valid("Hello-µ@ßöäüàá-UTF-8!! (Autobahn 6.2.1)", utf8("Hello-µ@ßöäüàá-UTF-8!!")),
				valid("κόσμε (Autobahn 6.5.1)", hex("ce ba e1 bd b9 cf 83 ce bc ce b5")),
				valid("U+0000 (Autobahn 6.6)", hex("00")), valid("U+007F (Autobahn 6.7.1)", hex("7f")),
				valid("U+0080 (Autobahn 6.7.2)", hex("c2 80")), valid("U+07FF (Autobahn 6.7.3)", hex("df bf")),
				valid("U+0800 (Autobahn 6.7.3)", hex("e0 a0 80")), valid("U+FFFF (Autobahn 6.7.4)", hex("ef bf bf")),
				valid("U+10000 (Autobahn 6.7.4)", hex("f0 90 80 80")),
				valid("U+10FFFF (Autobahn 6.7.4)", hex("f4 8f bf bf")),
				valid("U+D7FF (Autobahn 6.11.1)", hex("ed 9f bf")), valid("U+E000 (Autobahn 6.11.2)", hex("ee 80 80")),
				valid("U+FFFD (Autobahn 6.11.3)", hex("ef bf bd")),
				valid("noncharacter U+FFFE (Autobahn 6.22)", hex("ef bf be")),
				valid("noncharacter U+10FFFE (Autobahn 6.22)", hex("f4 8f bf be")),
				valid("emoji U+1F600", hex("f0 9f 98 80")),
				valid("mixed 1-4 byte sequences", utf8("a\u00e9\u20ac\ud83d\ude00z"))));
	}

	private static Arguments valid(String name, byte[] bytes) {
		return Arguments.of(name, bytes);
	}

	static Stream<Arguments> invalidText() {
		return bothWays(Stream.of(invalid("overlong '/' C0 AF (Autobahn 6.8.1)", "c0 af"),
				invalid("overlong NUL C0 80 (Autobahn 6.8.1)", "c0 80"),
				invalid("overlong C1 BF (Autobahn 6.8.1)", "c1 bf"),
				invalid("overlong 3-byte E0 80 AF (Autobahn 6.8.2)", "e0 80 af"),
				invalid("overlong 3-byte E0 9F BF (Autobahn 6.9.2)", "e0 9f bf"),
				invalid("overlong 4-byte F0 80 80 AF (Autobahn 6.8.3)", "f0 80 80 af"),
				invalid("overlong 4-byte F0 8F BF BF (Autobahn 6.9.3)", "f0 8f bf bf"),
				invalid("high surrogate ED A0 80 (Autobahn 6.19.1)", "ed a0 80"),
				invalid("high surrogate ED AD BF (Autobahn 6.19.2)", "ed ad bf"),
				invalid("low surrogate ED B0 80 (Autobahn 6.19.5)", "ed b0 80"),
				invalid("low surrogate ED BF BF (Autobahn 6.19.7)", "ed bf bf"),
				invalid("surrogate pair ED A0 80 ED B0 80 (Autobahn 6.20.1)", "ed a0 80 ed b0 80"),
				invalid("above U+10FFFF F4 90 80 80 (Autobahn 6.6.x)", "f4 90 80 80"),
				invalid("lead byte F5 (Autobahn 6.7.x)", "f5 80 80 80"),
				invalid("lead byte F7 BF BF BF", "f7 bf bf bf"),
				invalid("5-byte sequence F8 88 80 80 80 (Autobahn 6.8.x)", "f8 88 80 80 80"),
				invalid("6-byte sequence FC 84 80 80 80 80 (Autobahn 6.8.x)", "fc 84 80 80 80 80"),
				invalid("byte FE (Autobahn 6.17.1)", "fe"), invalid("byte FF (Autobahn 6.17.2)", "ff"),
				invalid("lone continuation 80 (Autobahn 6.10.1)", "80"),
				invalid("lone continuation BF (Autobahn 6.10.2)", "bf"),
				invalid("invalid continuation C2 41 (Autobahn 6.12.x)", "c2 41"),
				invalid("invalid continuation E2 28 A1 (Autobahn 6.12.x)", "e2 28 a1"),
				invalid("invalid continuation E2 82 41 (Autobahn 6.12.x)", "e2 82 41"),
				invalid("invalid continuation F0 9F 41 80 (Autobahn 6.12.x)", "f0 9f 41 80"),
				invalid("κόσμε + surrogate + edited (Autobahn 6.3.1)",
						"ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"),
				invalid("truncated 2-byte C2 at end (Autobahn 6.14.x)", "c2"),
				invalid("truncated 3-byte E2 82 at end (Autobahn 6.14.x)", "e2 82"),
				invalid("truncated 4-byte F0 9F 98 at end (Autobahn 6.14.x)", "f0 9f 98"),
				invalid("κόσμ + truncated CE at end (Autobahn 6.5.x)", "ce ba e1 bd b9 cf 83 ce bc ce")));
	}

	private static Arguments invalid(String name, String bytes) {
		return Arguments.of(name, hex(bytes));
	}

	/**
	 * Return each case sent both ways: in one frame, and in one-byte fragments.
	 */
	private static Stream<Arguments> bothWays(Stream<Arguments> cases) {
		return cases.flatMap((text) -> Stream.of(Delivery.values())
			.map((delivery) -> Arguments.of(text.get()[0], text.get()[1], delivery)));
	}

	/**
	 * How a text message goes on the wire.
	 */
	enum Delivery {

		/** One final text frame. */
		ONE_FRAME,

		/**
		 * One-byte fragments, the hardest case for a validator: RFC 6455 §5.6 lets
		 * fragments split a code point, only the whole message must be valid (Autobahn
		 * 6.2.3-6.2.4).
		 */
		ONE_BYTE_PER_FRAGMENT;

		byte[] frames(byte[] payload) {
			return (this == ONE_FRAME) ? ClientFrames.text(payload) : ClientFrames.fragmented(TEXT, payload, 1);
		}

		@Override
		public String toString() {
			return (this == ONE_FRAME) ? "in one frame" : "one byte per fragment";
		}

	}

	@Nested
	@DisplayName("RFC 6455 §8.1 valid UTF-8 is echoed exactly")
	class ValidText {

		@Test
		void invalidUtf8InABinaryMessageIsNotChecked() throws IOException {
			byte[] payload = hex("c0 af ed a0 80 ff");
			Utf8ConformanceTests.this.client.send(ClientFrames.binary(payload));
			ServerFrame echo = Utf8ConformanceTests.this.client.readFrame();
			assertThat(echo.header()).containsExactly(0x82, payload.length);
			assertThat(echo.payload()).isEqualTo(payload);
		}

		@ParameterizedTest(name = "{0}, {2}")
		@MethodSource("io.wsboot.engine.conformance.Utf8ConformanceTests#validText")
		void validTextIsEchoedExactly(String name, byte[] payload, Delivery delivery) throws IOException {
			Utf8ConformanceTests.this.client.send(delivery.frames(payload));
			assertTextEcho(payload);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §8.1 invalid UTF-8 fails the connection with 1007")
	class InvalidText {

		@ParameterizedTest(name = "{0}, {2} -> 1007")
		@MethodSource("io.wsboot.engine.conformance.Utf8ConformanceTests#invalidText")
		void invalidTextCloses1007(String name, byte[] payload, Delivery delivery) throws IOException {
			// RFC 6455 §8.1: invalid UTF-8 in a text message MUST _Fail the WebSocket
			// Connection_; §7.4.1: with 1007
			Utf8ConformanceTests.this.client.send(delivery.frames(payload)).expectFailure(1007);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §8.1 invalid UTF-8 fails fast, before the message ends")
	class FailFast {

		@Test
		void surrogateInAMiddleFragmentClosesBeforeTheFinalFragment() throws IOException {
			// Autobahn 6.4.1: valid first fragment, invalid second, final never sent
			assertClosesWith1007Before(fragment(CONTINUATION, true, utf8("edited")),
					fragment(TEXT, false, hex("ce ba e1 bd b9 cf 83 ce bc ce b5")),
					fragment(CONTINUATION, false, hex("ed a0 80")));
		}

		@Test
		void codePointAboveMaximumSplitAcrossFragmentsClosesAtTheSecondFragment() throws IOException {
			// Autobahn 6.4.2: F4 ends the first fragment and is still a valid prefix;
			// 90 makes it invalid
			assertClosesWith1007Before(fragment(CONTINUATION, true, hex("80 80 65 64 69 74 65 64")),
					fragment(TEXT, false, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 f4")),
					fragment(CONTINUATION, false, hex("90")));
		}

		@Test
		void invalidFirstFragmentClosesBeforeTheRest() throws IOException {
			assertClosesWith1007Before(fragment(CONTINUATION, true, utf8("rest")),
					fragment(TEXT, false, hex("41 c0 af 42")));
		}

		/**
		 * Send fragments, each in its own write, and require the close with 1007 before
		 * the rest of the message is sent; then send the rest and close.
		 */
		private void assertClosesWith1007Before(byte[] rest, byte[]... fragments) throws IOException {
			RawWsClient client = Utf8ConformanceTests.this.client;
			for (byte[] fragment : fragments) {
				client.send(fragment);
			}
			assertThat(client.readClose().closeCode()).isEqualTo(1007);
			client.sendQuietly(rest);
			client.sendQuietly(ClientFrames.close(1007, ""));
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}

		@Test
		void codePointCompletedByTheNextFragmentIsValid() throws IOException {
			// the opposite case: a prefix at a fragment's end is not an error by itself
			RawWsClient client = Utf8ConformanceTests.this.client;
			client.send(fragment(TEXT, false, hex("f0 9f")));
			client.assertStaysOpen(Duration.ofMillis(200));
			client.send(fragment(CONTINUATION, true, hex("98 80")));
			assertTextEcho(hex("f0 9f 98 80"));
		}

		@Test
		void truncatedCodePointAtTheFinalFragmentCloses1007() throws IOException {
			RawWsClient client = Utf8ConformanceTests.this.client;
			client.send(ClientFrames.concat(fragment(TEXT, false, hex("41 e2 82")),
					fragment(CONTINUATION, true, new byte[0])));
			client.expectFailure(1007);
		}

	}

}
