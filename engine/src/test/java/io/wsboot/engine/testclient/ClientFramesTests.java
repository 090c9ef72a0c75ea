package io.wsboot.engine.testclient;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				single-frame masked text       | true  | 1  | Hello | 37 fa 21 3d | 81 85 37 fa 21 3d 7f 9f 4d 51 58
				single-frame unmasked text     | true  | 1  | Hello |             | 81 05 48 65 6c 6c 6f
				first of two unmasked fragments | false | 1  | Hel   |             | 01 03 48 65 6c
				last of two unmasked fragments | true  | 0  | lo    |             | 80 02 6c 6f
				masked pong                    | true  | 10 | Hello | 37 fa 21 3d | 8a 85 37 fa 21 3d 7f 9f 4d 51 58
				""")
		void rfc6455Section5_7Hello(String example, boolean fin, int opcode, String payload, @Nullable String maskKey,
				String expected) {
			byte[] key = (maskKey != null) ? ClientFrames.hex(maskKey) : null;
			assertThat(ClientFrames.frame(fin, 0, opcode, ClientFrames.utf8(payload), key))
				.containsExactly(ClientFrames.hex(expected));
		}

		@ParameterizedTest(name = "unmasked binary header for {0} bytes")
		@CsvSource({ "256, 82 7e 01 00", "65536, 82 7f 00 00 00 00 00 01 00 00" })
		void rfc6455Section5_7UnmaskedBinaryHeader(long length, String expected) {
			assertThat(ClientFrames.header(true, 0, ClientFrames.BINARY, length, null))
				.containsExactly(ClientFrames.hex(expected));
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
