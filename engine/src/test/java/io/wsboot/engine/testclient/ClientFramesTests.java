package io.wsboot.engine.testclient;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Checks the test client's own encoder against the RFC 6455 §5.7 examples, so that a
 * conformance failure is never a bug of the test client.
 *
 * @author wsboot
 */
class ClientFramesTests {

	private static final byte[] RFC_MASK_KEY = ClientFrames.hex("37 fa 21 3d");

	@Nested
	@DisplayName("RFC 6455 §5.7 examples")
	class Rfc6455Examples {

		@Test
		void rfc6455Section5_7SingleMaskedHello() {
			assertThat(ClientFrames.frame(true, 0, ClientFrames.TEXT, ClientFrames.utf8("Hello"), RFC_MASK_KEY))
				.containsExactly(ClientFrames.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		}

		@Test
		void rfc6455Section5_7SingleUnmaskedHello() {
			assertThat(ClientFrames.frame(true, 0, ClientFrames.TEXT, ClientFrames.utf8("Hello"), null))
				.containsExactly(ClientFrames.hex("81 05 48 65 6c 6c 6f"));
		}

		@Test
		void rfc6455Section5_7FragmentedUnmaskedHello() {
			assertThat(ClientFrames.frame(false, 0, ClientFrames.TEXT, ClientFrames.utf8("Hel"), null))
				.containsExactly(ClientFrames.hex("01 03 48 65 6c"));
			assertThat(ClientFrames.frame(true, 0, ClientFrames.CONTINUATION, ClientFrames.utf8("lo"), null))
				.containsExactly(ClientFrames.hex("80 02 6c 6f"));
		}

		@Test
		void rfc6455Section5_7MaskedPongHello() {
			assertThat(ClientFrames.frame(true, 0, ClientFrames.PONG, ClientFrames.utf8("Hello"), RFC_MASK_KEY))
				.containsExactly(ClientFrames.hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
		}

		@Test
		void rfc6455Section5_7Unmasked256ByteBinaryHeader() {
			assertThat(ClientFrames.header(true, 0, ClientFrames.BINARY, 256, null))
				.containsExactly(ClientFrames.hex("82 7e 01 00"));
		}

		@Test
		void rfc6455Section5_7Unmasked64KiBBinaryHeader() {
			assertThat(ClientFrames.header(true, 0, ClientFrames.BINARY, 65536, null))
				.containsExactly(ClientFrames.hex("82 7f 00 00 00 00 00 01 00 00"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 length encodings")
	class Lengths {

		@Test
		void declaredLengthWithMostSignificantBitSetIsWrittenAsIs() {
			assertThat(ClientFrames.header(true, 0, ClientFrames.BINARY, Long.MIN_VALUE, RFC_MASK_KEY))
				.containsExactly(ClientFrames.hex("82 ff 80 00 00 00 00 00 00 00 37 fa 21 3d"));
		}

		@Test
		void fragmentedSplitsIntoContinuations() {
			byte[] frames = ClientFrames.fragmented(ClientFrames.TEXT, ClientFrames.utf8("abcde"), 2);
			assertThat(frames).hasSize(3 * (2 + 4) + 5);
			assertThat(frames[0]).isEqualTo((byte) 0x01);
			assertThat(frames[8]).isEqualTo((byte) 0x00);
			assertThat(frames[16]).isEqualTo((byte) 0x80);
		}

	}

	@Nested
	@DisplayName("builder: frames broken one field at a time")
	class Builder {

		@Test
		void masksWithTheRfcKeyByDefault() {
			assertThat(ClientFrames.builder().text("Hello").build())
				.containsExactly(ClientFrames.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
		}

		@Test
		void chainsFragmentsAndModifiesTheLastFrameOnly() {
			assertThat(ClientFrames.builder().text("Hel").fin(false).unmasked().continuation("lo").unmasked().build())
				.containsExactly(ClientFrames.hex("01 03 48 65 6c 80 02 6c 6f"));
		}

		@Test
		void writesANonMinimalLengthField() {
			assertThat(ClientFrames.builder()
				.text("Hello")
				.unmasked()
				.lengthEncoding(ClientFrames.LengthEncoding.BITS_64)
				.build()).containsExactly(ClientFrames.hex("81 7f 00 00 00 00 00 00 00 05 48 65 6c 6c 6f"));
		}

		@Test
		void declaresALengthItsPayloadDoesNotHave() {
			assertThat(ClientFrames.builder().binary(new byte[0]).rsv(ClientFrames.RSV1).unmasked().length(300).build())
				.containsExactly(ClientFrames.hex("c2 7e 01 2c"));
		}

		@Test
		void modifierBeforeAnyFrameIsRejected() {
			assertThatIllegalStateException().isThrownBy(() -> ClientFrames.builder().fin(false));
		}

	}

}
