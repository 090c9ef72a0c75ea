package io.wsboot.engine.internal.extension.deflate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import io.wsboot.engine.internal.frame.Frame;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PerMessageDeflateFactory}.
 */
class PerMessageDeflateFactoryTests {

	private final PerMessageDeflateFactory factory = new PerMessageDeflateFactory();

	private String accepted(String header) {
		NegotiatedExtension negotiated = this.factory.negotiate(Offers.parse(header));
		assertThat(negotiated).as("negotiation of %s", header).isNotNull();
		return negotiated.responseElement();
	}

	private void declined(String header) {
		assertThat(this.factory.negotiate(Offers.parse(header))).as("negotiation of %s", header).isNull();
	}

	@Test
	void nameIsPermessageDeflate() {
		assertThat(this.factory.name()).isEqualTo("permessage-deflate");
	}

	@Nested
	@DisplayName("RFC 7692 §7.1 accepted offers")
	class AcceptedOffers {

		@ParameterizedTest(name = "{0} -> {1}")
		@CsvSource(delimiter = '|',
				textBlock = """
						permessage-deflate                                                | permessage-deflate
						permessage-deflate; client_max_window_bits                        | permessage-deflate
						permessage-deflate; server_no_context_takeover                    | permessage-deflate; server_no_context_takeover
						permessage-deflate; client_no_context_takeover                    | permessage-deflate; server_no_context_takeover; client_no_context_takeover
						permessage-deflate; client_no_context_takeover; server_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover
						permessage-deflate; server_max_window_bits=15                     | permessage-deflate; server_max_window_bits=15
						permessage-deflate; client_max_window_bits=8                      | permessage-deflate; client_max_window_bits=8
						permessage-deflate; client_max_window_bits=10                     | permessage-deflate; client_max_window_bits=10
						permessage-deflate; client_max_window_bits=15                     | permessage-deflate; client_max_window_bits=15
						permessage-deflate; server_max_window_bits=15; client_max_window_bits | permessage-deflate; server_max_window_bits=15
						permessage-deflate; client_max_window_bits=9; server_max_window_bits=15; client_no_context_takeover; server_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15; client_max_window_bits=9
						""")
		void answersWithExactlyTheParametersInForce(String offer, String response) {
			assertThat(accepted(offer)).isEqualTo(response);
		}

		@Test
		@DisplayName("Chromium's offer (RFC 7692 §7.1.2.2 client_max_window_bits without value)")
		void chromiumOfferIsAcceptedWithoutWindowBits() {
			assertThat(accepted("permessage-deflate; client_max_window_bits")).isEqualTo("permessage-deflate");
		}

		@Test
		@DisplayName("Firefox's offer (RFC 7692 §7 no parameters)")
		void firefoxOfferIsAcceptedAsIs() {
			assertThat(accepted("permessage-deflate")).isEqualTo("permessage-deflate");
		}

		@Test
		@DisplayName("RFC 7692 §7.1.1.1 an offered client_no_context_takeover is answered with both")
		void offeredClientNoContextTakeoverIsAnsweredSymmetrically() {
			assertThat(accepted("permessage-deflate; client_no_context_takeover"))
				.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
		}

		@Test
		@DisplayName("RFC 6455 §9.1 a quoted value is unquoted before it is checked")
		void quotedWindowBitsAreAccepted() {
			assertThat(accepted("permessage-deflate; client_max_window_bits=\"12\""))
				.isEqualTo("permessage-deflate; client_max_window_bits=12");
		}

		@Test
		@DisplayName("RFC 9110 §5.6.6 parameter names are case-insensitive")
		void parameterNamesIgnoreCase() {
			assertThat(accepted("PerMessage-Deflate; Server_No_Context_Takeover"))
				.isEqualTo("permessage-deflate; server_no_context_takeover");
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.1 declined offers")
	class DeclinedOffers {

		@ParameterizedTest(name = "{0}: {1}")
		@CsvSource(delimiter = '|', quoteCharacter = '\'',
				textBlock = """
						RFC 7692 §7.1 a parameter not defined for offers      | permessage-deflate; foo
						RFC 7692 §7.1 a parameter not defined for offers      | permessage-deflate; x-webkit=1
						RFC 7692 §7.1 a parameter not defined for offers      | permessage-deflate; server_no_context_takeover; mux
						RFC 7692 §7.1 the same parameter twice                | permessage-deflate; server_no_context_takeover; server_no_context_takeover
						RFC 7692 §7.1 the same parameter twice                | permessage-deflate; client_no_context_takeover; client_no_context_takeover
						RFC 7692 §7.1 the same parameter twice                | permessage-deflate; server_max_window_bits=15; server_max_window_bits=15
						RFC 7692 §7.1 the same parameter twice                | permessage-deflate; client_max_window_bits; client_max_window_bits=10
						RFC 7692 §7.1 the same parameter twice                | permessage-deflate; client_max_window_bits=10; CLIENT_MAX_WINDOW_BITS=12
						RFC 7692 §7.1.1 a value on a parameter that has none  | permessage-deflate; server_no_context_takeover=1
						RFC 7692 §7.1.1 a value on a parameter that has none  | permessage-deflate; client_no_context_takeover=true
						RFC 7692 §7.1.1 a value on a parameter that has none  | permessage-deflate; server_no_context_takeover=""
						""")
		void offerBreakingARuleIsDeclined(String rule, String offer) {
			declined(offer);
		}

		@Test
		@DisplayName("RFC 7692 §7.1.2.1 server_max_window_bits without its value")
		void serverMaxWindowBitsWithoutValue() {
			declined("permessage-deflate; server_max_window_bits");
		}

		@ParameterizedTest(name = "server_max_window_bits={0}")
		@ValueSource(ints = { 8, 9, 10, 11, 12, 13, 14 })
		@DisplayName("RFC 7692 §7.1.2.1 a server window the JDK cannot limit itself to")
		void serverWindowBelowFifteenBits(int bits) {
			declined("permessage-deflate; server_max_window_bits=" + bits);
		}

		@ParameterizedTest(name = "{0}_max_window_bits={1}")
		@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
				server | 7
				server | 16
				server | 0
				server | 015
				server | 15.0
				server | +15
				server | -15
				server | fifteen
				server | ''
				server | '"1 5"'
				client | 7
				client | 16
				client | 08
				client | 1a
				client | ''
				client | '"9 "'
				""")
		@DisplayName("RFC 7692 §7.1.2 window bits that are not an integer 8 to 15 without leading zeros")
		void invalidWindowBits(String side, String value) {
			declined("permessage-deflate; " + side + "_max_window_bits=" + value);
		}

		@Test
		void noOffers() {
			assertThat(PerMessageDeflateFactoryTests.this.factory.negotiate(List.of())).isNull();
		}

		@Test
		void offersOfAnotherExtensionAreIgnored() {
			declined("x-webkit-deflate-frame");
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.1 several offers in the client's order of preference")
	class SeveralOffers {

		@Test
		void everyOfferDeclined() {
			declined("permessage-deflate; server_max_window_bits=9, permessage-deflate; server_max_window_bits=12");
		}

		@ParameterizedTest(name = "{0} -> {1}")
		@CsvSource(delimiter = '|',
				textBlock = """
						permessage-deflate; server_max_window_bits=10, permessage-deflate                          | permessage-deflate
						permessage-deflate; foo, permessage-deflate; client_max_window_bits                        | permessage-deflate
						permessage-deflate; server_max_window_bits=12; client_max_window_bits=12, permessage-deflate; client_max_window_bits=12 | permessage-deflate; client_max_window_bits=12
						permessage-deflate; server_max_window_bits=8, permessage-deflate; server_max_window_bits=9, permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover
						permessage-deflate; client_no_context_takeover, permessage-deflate                         | permessage-deflate; server_no_context_takeover; client_no_context_takeover
						""")
		void firstOfferThatCanBeHonouredIsAccepted(String offers, String response) {
			assertThat(accepted(offers)).isEqualTo(response);
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.1.1 server settings")
	class ServerSettings {

		@Test
		@DisplayName("RFC 7692 §7.1.1.1 server_no_context_takeover may be answered without an offer")
		void serverNoContextTakeoverIsAddedWhenConfigured() {
			assertThat(response(PerMessageDeflate.DEFAULTS.withNoContextTakeover(true, false),
					"permessage-deflate; client_max_window_bits"))
				.isEqualTo("permessage-deflate; server_no_context_takeover");
		}

		@Test
		@DisplayName("RFC 7692 §7.1.1.2 client_no_context_takeover may be answered without an offer")
		void clientNoContextTakeoverIsAddedWhenConfigured() {
			assertThat(response(PerMessageDeflate.DEFAULTS.withNoContextTakeover(false, true), "permessage-deflate"))
				.isEqualTo("permessage-deflate; client_no_context_takeover");
		}

		@Test
		void disabledFactoryDeclinesEveryOffer() {
			assertThat(response(PerMessageDeflate.DEFAULTS.withEnabled(false), "permessage-deflate")).isNull();
		}

		/**
		 * Negotiate with a factory of the given settings.
		 * @return the response element, {@code null} when every offer is declined
		 */
		private @Nullable String response(PerMessageDeflate settings, String offers) {
			NegotiatedExtension negotiated = new PerMessageDeflateFactory(settings).negotiate(Offers.parse(offers));
			return (negotiated != null) ? negotiated.responseElement() : null;
		}

		@Test
		void settingsAreExposed() {
			assertThat(PerMessageDeflateFactoryTests.this.factory.settings()).isEqualTo(PerMessageDeflate.DEFAULTS);
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2 negotiated codec")
	class NegotiatedCodec {

		private final PerMessageDeflateFactory factory = new PerMessageDeflateFactory(
				PerMessageDeflate.DEFAULTS.withCompressionThresholdBytes(0));

		private ExtensionCodec codec(String offer) {
			NegotiatedExtension negotiated = this.factory.negotiate(Offers.parse(offer));
			assertThat(negotiated).isNotNull();
			return negotiated.codec();
		}

		private byte[] encodeHello(ExtensionCodec codec) {
			ByteBuffer encoded = codec.encode(OpCode.TEXT, ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII)))
				.payload();
			byte[] bytes = new byte[encoded.remaining()];
			encoded.get(bytes);
			return bytes;
		}

		@Test
		void claimsRsv1() {
			assertThat(codec("permessage-deflate").rsvMask()).isEqualTo(Frame.RSV1);
		}

		@Test
		@DisplayName("RFC 7692 §7.2.3.2 context takeover unless server_no_context_takeover")
		void serverNoContextTakeoverIsInForce() {
			ExtensionCodec sharing = codec("permessage-deflate");
			encodeHello(sharing);
			assertThat(encodeHello(sharing)).containsExactly(0xf2, 0x00, 0x11, 0x00, 0x00);
			ExtensionCodec resetting = codec("permessage-deflate; server_no_context_takeover");
			encodeHello(resetting);
			assertThat(encodeHello(resetting)).containsExactly(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
		}

		@Test
		@DisplayName("RFC 7692 §7.2.2 the inflater keeps its window under client_no_context_takeover")
		void inflaterKeepsWindowForClientsThatIgnoreClientNoContextTakeover() {
			PerMessageDeflateFactory factory = new PerMessageDeflateFactory(
					PerMessageDeflate.DEFAULTS.withNoContextTakeover(false, true));
			NegotiatedExtension negotiated = factory.negotiate(Offers.parse("permessage-deflate"));
			assertThat(negotiated).isNotNull();
			assertThat(negotiated.responseElement()).isEqualTo("permessage-deflate; client_no_context_takeover");
			PerMessageDeflateCodec codec = (PerMessageDeflateCodec) negotiated.codec();
			assertThat(PerMessageDeflateCodecTests.decode(codec, PerMessageDeflateCodecTests.HELLO))
				.containsExactly(PerMessageDeflateCodecTests.ascii("Hello"));
			assertThat(PerMessageDeflateCodecTests.decode(codec, PerMessageDeflateCodecTests.HELLO_AGAIN))
				.containsExactly(PerMessageDeflateCodecTests.ascii("Hello"));
		}

		@Test
		void everyNegotiationCreatesItsOwnCodec() {
			List<ExtensionOffer> offers = Offers.parse("permessage-deflate");
			NegotiatedExtension first = this.factory.negotiate(offers);
			NegotiatedExtension second = this.factory.negotiate(offers);
			assertThat(first).isNotNull();
			assertThat(second).isNotNull();
			assertThat(first.codec()).isNotSameAs(second.codec());
		}

	}

}
