package io.wsboot.engine.internal.handshake;

import java.util.List;

import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.ExtensionParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExtensionHeaderParser}.
 */
class ExtensionHeaderParserTests {

	@Nested
	@DisplayName("RFC 6455 §9.1 extension offers")
	class Offers {

		@Test
		void chromiumOffer() {
			assertThat(parse("permessage-deflate; client_max_window_bits"))
				.containsExactly(offer("permessage-deflate", param("client_max_window_bits", null)));
		}

		@Test
		void firefoxOffer() {
			assertThat(parse("permessage-deflate")).containsExactly(offer("permessage-deflate"));
		}

		@Test
		void rfc7692Section5_2FallbackOffers() {
			assertThat(parse(
					"permessage-deflate; client_max_window_bits=10; server_max_window_bits=10, permessage-deflate"))
				.containsExactly(offer("permessage-deflate", param("client_max_window_bits", "10"),
						param("server_max_window_bits", "10")), offer("permessage-deflate"));
		}

		@Test
		void severalHeadersAreReadInOrder() {
			assertThat(ExtensionHeaderParser.parse(List.of("foo; a=1", "bar, baz; b")))
				.containsExactly(offer("foo", param("a", "1")), offer("bar"), offer("baz", param("b", null)));
		}

		@Test
		void duplicateOffersAndParametersAreKept() {
			assertThat(parse("foo; a=1; a=2, foo; a=1")).containsExactly(offer("foo", param("a", "1"), param("a", "2")),
					offer("foo", param("a", "1")));
		}

		@Test
		void whitespaceAroundSeparatorsIsAllowed() {
			assertThat(parse(" \tfoo ;  a = 1 ;b\t,bar  "))
				.containsExactly(offer("foo", param("a", "1"), param("b", null)), offer("bar"));
		}

		@Test
		void emptyListElementsAreIgnored() {
			assertThat(parse(", foo,, ,bar,")).containsExactly(offer("foo"), offer("bar"));
		}

		@Test
		void emptyValueHasNoOffers() {
			assertThat(parse("")).isEmpty();
			assertThat(parse("  ")).isEmpty();
		}

		@Test
		void noHeaderHasNoOffers() {
			assertThat(ExtensionHeaderParser.parse(List.of())).isEmpty();
		}

		@Test
		void namesKeepTheirCase() {
			assertThat(parse("Permessage-Deflate; Client_Max_Window_Bits"))
				.containsExactly(offer("Permessage-Deflate", param("Client_Max_Window_Bits", null)));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §9.1 quoted parameter values")
	class QuotedValues {

		@Test
		void quotedValueIsUnquoted() {
			assertThat(parse("permessage-deflate; client_max_window_bits=\"10\""))
				.containsExactly(offer("permessage-deflate", param("client_max_window_bits", "10")));
		}

		@Test
		void quotedPairIsUnescaped() {
			assertThat(parse("foo; a=\"1\\0\"")).containsExactly(offer("foo", param("a", "10")));
		}

		@Test
		void commaAndSemicolonAfterAQuotedValueStillSeparate() {
			assertThat(parse("foo; a=\"1\"; b=\"2\", bar"))
				.containsExactly(offer("foo", param("a", "1"), param("b", "2")), offer("bar"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §9.1 malformed offers")
	class Malformed {

		@ParameterizedTest(name = "[{0}]")
		@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
				;                 | expected an extension name at index 0 but found ';'
				foo;              | expected a parameter name at index 4 but found end of value
				foo;;a            | expected a parameter name at index 4 but found ';'
				foo; =1           | expected a parameter name at index 5 but found '='
				foo; a=           | expected a value for parameter 'a' at index 7 but found end of value
				foo; a=,bar       | expected a value for parameter 'a' at index 7 but found ','
				foo bar           | unexpected 'b' after extension at index 4
				foo; a b          | unexpected 'b' after extension at index 7
				foo; a=b=c        | unexpected '=' after extension at index 8
				fo(o)             | unexpected '(' after extension at index 2
				foo=1             | unexpected '=' after extension at index 3
				foo; a="10        | unterminated quoted value of parameter 'a' at index 7
				foo; a="1\\       | unterminated quoted value of parameter 'a' at index 7
				foo; a="b c"      | quoted value of parameter 'a' is not a token
				foo; a=""         | quoted value of parameter 'a' is not a token
				foo; a="x,y"      | quoted value of parameter 'a' is not a token
				foo; a=x"y"       | unexpected '"' after extension at index 8
				"foo"             | expected an extension name at index 0 but found '"'
				""")
		void malformedValueIsRejectedWith400(String value, String problem) {
			assertRejected(List.of(value), "malformed Sec-WebSocket-Extensions header: " + problem);
		}

		@Test
		void controlCharacterInQuotedValueIsRejectedWith400() {
			assertRejected(List.of("foo; a=\"1\u00012\""),
					"malformed Sec-WebSocket-Extensions header: invalid character 0x01 in quoted value of parameter 'a'");
		}

		@Test
		void nonAsciiNameIsRejectedWith400() {
			assertRejected(List.of("f\u00f6o"),
					"malformed Sec-WebSocket-Extensions header: unexpected 0xF6 after extension at index 1");
		}

		@Test
		void malformedSecondHeaderIsRejectedWith400() {
			assertRejected(List.of("permessage-deflate", "; x"),
					"malformed Sec-WebSocket-Extensions header: expected an extension name at index 0 but found ';'");
		}

	}

	private static List<ExtensionOffer> parse(String value) {
		return ExtensionHeaderParser.parse(List.of(value));
	}

	private static void assertRejected(List<String> values, String message) {
		assertThatExceptionOfType(WsHandshakeException.class).isThrownBy(() -> ExtensionHeaderParser.parse(values))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(400));
	}

	private static ExtensionOffer offer(String name, ExtensionParameter... parameters) {
		return new ExtensionOffer(name, List.of(parameters));
	}

	private static ExtensionParameter param(String name, String value) {
		return new ExtensionParameter(name, value);
	}

}
