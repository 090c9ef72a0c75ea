package io.wsboot.engine.internal.text;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Utf8Validator} (RFC 3629, RFC 6455 §8.1), with cases from the
 * Autobahn|Testsuite category 6 named where they come from.
 */
class Utf8ValidatorTests {

	private static final String KOSME_HEX = "cebae1bdb9cf83cebcceb5"; // κόσμε

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Feed one byte at a time; return the index of the first rejected byte, or -1. */
	private static int firstRejectedByteByByte(byte[] bytes) {
		Utf8Validator validator = new Utf8Validator();
		for (int i = 0; i < bytes.length; i++) {
			if (!validator.update(ByteBuffer.wrap(bytes, i, 1))) {
				assertThat(validator.invalidByteOffset()).isEqualTo(i);
				return i;
			}
		}
		return -1;
	}

	private static boolean jdkAccepts(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			decoder.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	@Nested
	@DisplayName("RFC 3629 valid text (Autobahn 6.1, 6.5, 6.7, 6.9, 6.11, 6.22)")
	class ValidText {

		@ParameterizedTest(name = "Autobahn {0}: {1}")
		@CsvSource(delimiter = '|', textBlock = """
				6.1 empty payload                | ''
				6.5 κόσμε                        | cebae1bdb9cf83cebcceb5
				6.5 κόσμε between ASCII          | 48656c6c6f2dcebae1bdb9cf83cebcceb52d576f726c64
				6.7 first 1-byte U+0000          | 00
				6.7 first 2-byte U+0080          | c280
				6.7 first 3-byte U+0800          | e0a080
				6.7 first 4-byte U+10000         | f0908080
				6.9 last 1-byte U+007F           | 7f
				6.9 last 2-byte U+07FF           | dfbf
				6.9 last 3-byte U+FFFF           | efbfbf
				6.11 last code point U+10FFFF    | f48fbfbf
				6.11 U+D7FF before surrogates    | ed9fbf
				6.11 U+E000 after surrogates     | ee8080
				6.11 U+FFFD                      | efbfbd
				6.22 noncharacter U+FFFE         | efbfbe
				""")
		void validTextIsAccepted(String name, String hex) {
			byte[] bytes = hex(hex);
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.update(ByteBuffer.wrap(bytes))).isTrue();
			assertThat(validator.isComplete()).isTrue();
			assertThat(validator.invalidByteOffset()).isEqualTo(-1);
			assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes))).isTrue();
			assertThat(firstRejectedByteByByte(bytes)).isEqualTo(-1);
		}

		@Test
		void validTextSplitInTwoAtEveryByte() {
			byte[] bytes = utf8("a\u00e9\u0800\uffff\ud83d\ude00 κόσμε \udbff\udfff0123456789abcdef");
			for (int split = 0; split <= bytes.length; split++) {
				Utf8Validator validator = new Utf8Validator();
				assertThat(validator.update(ByteBuffer.wrap(bytes, 0, split))).isTrue();
				assertThat(validator.update(ByteBuffer.wrap(bytes, split, bytes.length - split))).isTrue();
				assertThat(validator.isComplete()).as("split at %d", split).isTrue();
			}
		}

		@Test
		void everyCodePointOutsideTheSurrogatesIsValid() {
			Utf8Validator validator = new Utf8Validator();
			StringBuilder text = new StringBuilder();
			for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
				if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
					text.appendCodePoint(codePoint);
				}
			}
			assertThat(validator.update(ByteBuffer.wrap(utf8(text.toString())))).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}

		@Test
		void incompleteSequenceIsValidSoFarButNotComplete() {
			for (String hex : new String[] { "c2", "e180", "f18080", KOSME_HEX + "ce", "f4", "f48f", "f48fbf" }) {
				Utf8Validator validator = new Utf8Validator();
				assertThat(validator.update(ByteBuffer.wrap(hex(hex)))).as(hex).isTrue();
				assertThat(validator.isComplete()).as(hex).isFalse();
				assertThat(Utf8Validator.isValid(ByteBuffer.wrap(hex(hex)))).as(hex).isFalse();
			}
		}

		@Test
		void incompleteSequenceCompletedByTheNextUpdate() {
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.update(ByteBuffer.wrap(hex("f0 9f")))).isTrue();
			assertThat(validator.update(ByteBuffer.wrap(hex("98")))).isTrue();
			assertThat(validator.isComplete()).isFalse();
			assertThat(validator.update(ByteBuffer.wrap(hex("80 41")))).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}

	}

	@Nested
	@DisplayName("RFC 3629 invalid text, rejected at the first impossible byte (Autobahn 6.3-6.21)")
	class InvalidText {

		@ParameterizedTest(name = "Autobahn {0}: {1} rejected at byte {2}")
		@CsvSource(delimiter = '|', textBlock = """
				6.3.1 κόσμε, ED A0 80 (surrogate), edited  | cebae1bdb9cf83cebcceb5eda080656469746564   | 12
				6.4.1 κόσμε, F4 90 80 80, edited            | cebae1bdb9cf83cebcceb5f4908080656469746564 | 12
				6.4 κόσμε, F4 90 at the end                 | cebae1bdb9cf83cebcceb5f490                 | 12
				6.4 κόσμε, ED A0 at the end                 | cebae1bdb9cf83cebcceb5eda0                 | 12
				6.12 lone continuation 80                   | 80                                         | 0
				6.12 lone continuation BF                   | bf                                         | 0
				6.12 extra continuation C2 80 80            | c28080                                     | 2
				6.12 ASCII run then continuation 80         | 3031323334353637383961626364656680         | 16
				6.13 lone 2-byte lead then ASCII C2 41      | c241                                       | 1
				6.13 lead then lead C2 C2                   | c2c2                                       | 1
				6.14 3-byte lead missing its last byte      | e18041                                     | 2
				6.14 4-byte lead missing its last byte      | f1808041                                   | 3
				6.8 first 5-byte form F8 88 80 80 80        | f888808080                                 | 0
				6.10 last 4-byte form F7 BF BF BF           | f7bfbfbf                                   | 0
				6.11 above U+10FFFF F4 90 80 80             | f4908080                                   | 1
				6.16 impossible F5                          | f5808080                                   | 0
				6.16 impossible FE                          | fe                                         | 0
				6.16 impossible FF                          | ff                                         | 0
				6.17 overlong slash C0 AF                   | c0af                                       | 0
				6.17 overlong slash E0 80 AF                | e080af                                     | 1
				6.17 overlong slash F0 80 80 AF             | f08080af                                   | 1
				6.18 largest overlong C1 BF                 | c1bf                                       | 0
				6.18 largest overlong E0 9F BF              | e09fbf                                     | 1
				6.18 largest overlong F0 8F BF BF           | f08fbfbf                                   | 1
				6.20 single surrogate U+D800                | eda080                                     | 1
				6.20 single surrogate U+DFFF                | edbfbf                                     | 1
				6.21 paired surrogates U+D800 U+DC00        | eda080edb080                               | 1
				""")
		void invalidTextIsRejectedAtTheFirstImpossibleByte(String name, String hex, int rejectedAt) {
			byte[] bytes = hex(hex);
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.update(ByteBuffer.wrap(bytes))).isFalse();
			assertThat(validator.isComplete()).isFalse();
			assertThat(validator.invalidByteOffset()).isEqualTo(rejectedAt);
			assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes))).isFalse();
			assertThat(firstRejectedByteByByte(bytes)).isEqualTo(rejectedAt);
			Utf8Validator fromArray = new Utf8Validator();
			assertThat(fromArray.update(bytes, 0, bytes.length)).isFalse();
			assertThat(fromArray.invalidByteOffset()).isEqualTo(rejectedAt);
		}

		@Test
		void surrogateAfterKosmeFailsBeforeTheRestOfTheMessage() {
			// Autobahn 6.4.3: the sequence is rejected at A0, whatever follows
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.update(ByteBuffer.wrap(hex(KOSME_HEX)))).isTrue();
			assertThat(validator.update(ByteBuffer.wrap(hex("ed")))).isTrue();
			assertThat(validator.update(ByteBuffer.wrap(hex("a0")))).isFalse();
			assertThat(validator.invalidByteOffset()).isEqualTo(12);
		}

		@Test
		void invalidByteSplitAtEveryPointIsFoundAtTheSameOffset() {
			byte[] bytes = hex(KOSME_HEX + "48656c6c6f" + "f4908080");
			for (int split = 0; split <= bytes.length; split++) {
				Utf8Validator validator = new Utf8Validator();
				boolean valid = validator.update(ByteBuffer.wrap(bytes, 0, split))
						&& validator.update(ByteBuffer.wrap(bytes, split, bytes.length - split));
				assertThat(valid).isFalse();
				assertThat(validator.invalidByteOffset()).as("split at %d", split).isEqualTo(17);
			}
		}

		@Test
		void invalidByteAfterAsciiRunsIsFoundAtEveryPosition() {
			for (int position = 0; position < 40; position++) {
				byte[] bytes = new byte[48];
				Arrays.fill(bytes, (byte) 'a');
				bytes[position] = (byte) 0xFF;
				Utf8Validator validator = new Utf8Validator();
				assertThat(validator.update(ByteBuffer.wrap(bytes))).isFalse();
				assertThat(validator.invalidByteOffset()).isEqualTo(position);
			}
		}

		@Test
		void onceInvalidStaysInvalid() {
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.update(ByteBuffer.wrap(hex("c0")))).isFalse();
			assertThat(validator.invalidByteOffset()).isZero();
			// valid bytes after the failure change nothing
			assertThat(validator.update(ByteBuffer.wrap(utf8("valid")))).isFalse();
			assertThat(validator.invalidByteOffset()).isZero();
			assertThat(validator.isComplete()).isFalse();
		}

	}

	@Nested
	@DisplayName("buffers")
	class Buffers {

		@ParameterizedTest(name = "{0} buffer")
		@ValueSource(strings = { "heap", "direct", "direct little-endian" })
		void bufferKindsAreValidatedAlike(String kind) {
			byte[] valid = utf8("0123456789 κόσμε 0123456789 \ud83d\ude00 abcdefghijklmnop");
			byte[] invalid = hex("3031323334353637383930313233eda080");
			assertThat(validate(kind, valid)).isTrue();
			assertThat(validate(kind, invalid)).isFalse();
		}

		private boolean validate(String kind, byte[] bytes) {
			ByteBuffer buffer = kind.equals("heap") ? ByteBuffer.allocate(bytes.length + 3)
					: ByteBuffer.allocateDirect(bytes.length + 3);
			if (kind.endsWith("little-endian")) {
				buffer.order(ByteOrder.LITTLE_ENDIAN);
			}
			buffer.put(hex("ffffff")).put(bytes).flip().position(3);
			return Utf8Validator.isValid(buffer);
		}

		@Test
		void arrayRangesAreValidatedLikeBuffers() {
			Random random = new Random(3629);
			int[] interesting = { 0x41, 0x41, 0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xFF };
			for (int run = 0; run < 20_000; run++) {
				byte[] bytes = new byte[random.nextInt(40)];
				for (int i = 0; i < bytes.length; i++) {
					bytes[i] = (byte) interesting[random.nextInt(interesting.length)];
				}
				int from = (bytes.length > 0) ? random.nextInt(bytes.length) : 0;
				Utf8Validator fromBuffer = new Utf8Validator();
				Utf8Validator fromArray = new Utf8Validator();
				boolean valid = fromBuffer.update(ByteBuffer.wrap(bytes, from, bytes.length - from));
				assertThat(fromArray.update(bytes, from, bytes.length)).as(HexFormat.of().formatHex(bytes))
					.isEqualTo(valid);
				assertThat(fromArray.invalidByteOffset()).isEqualTo(fromBuffer.invalidByteOffset());
				assertThat(fromArray.isComplete()).isEqualTo(fromBuffer.isComplete());
			}
		}

		@Test
		void arrayRangeOutsideTheArrayIsRejected() {
			Utf8Validator validator = new Utf8Validator();
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> validator.update(new byte[4], 2, 5));
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> validator.update(new byte[4], 3, 2));
		}

		@Test
		void positionAndLimitAreNotMoved() {
			ByteBuffer buffer = ByteBuffer.wrap(utf8("xx κόσμε yy"));
			buffer.position(1).limit(10);
			new Utf8Validator().update(buffer);
			assertThat(buffer.position()).isEqualTo(1);
			assertThat(buffer.limit()).isEqualTo(10);
		}

		@Test
		void resetForgetsAnError() {
			Utf8Validator validator = new Utf8Validator();
			validator.update(ByteBuffer.wrap(hex("ff")));
			validator.reset();
			assertThat(validator.invalidByteOffset()).isEqualTo(-1);
			assertThat(validator.update(ByteBuffer.wrap(utf8("ok")))).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}

		@Test
		void offsetsCountFromTheLastReset() {
			Utf8Validator validator = new Utf8Validator();
			validator.update(ByteBuffer.wrap(utf8("abc")));
			validator.reset();
			validator.update(ByteBuffer.wrap(utf8("ab")));
			validator.update(ByteBuffer.wrap(hex("41 c1")));
			assertThat(validator.invalidByteOffset()).isEqualTo(3);
		}

	}

	@Nested
	@DisplayName("agreement with the JDK's strict UTF-8 decoder")
	class JdkAgreement {

		@Test
		void everyTwoByteSequence() {
			byte[] bytes = new byte[2];
			for (int first = 0; first < 256; first++) {
				for (int second = 0; second < 256; second++) {
					bytes[0] = (byte) first;
					bytes[1] = (byte) second;
					assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes))).as("%02x %02x", first, second)
						.isEqualTo(jdkAccepts(bytes));
				}
			}
		}

		@Test
		void threeAndFourByteSequencesAroundTheBoundaries() {
			int[] leads = { 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5 };
			int[] trails = { 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0 };
			for (int lead : leads) {
				for (int second : trails) {
					for (int third : trails) {
						byte[] three = { (byte) lead, (byte) second, (byte) third };
						assertThat(Utf8Validator.isValid(ByteBuffer.wrap(three)))
							.as("%02x %02x %02x", lead, second, third)
							.isEqualTo(jdkAccepts(three));
						for (int fourth : trails) {
							byte[] four = { (byte) lead, (byte) second, (byte) third, (byte) fourth };
							assertThat(Utf8Validator.isValid(ByteBuffer.wrap(four)))
								.as("%02x %02x %02x %02x", lead, second, third, fourth)
								.isEqualTo(jdkAccepts(four));
						}
					}
				}
			}
		}

		@Test
		void replacingDecoderMarksEveryInvalidSequenceWithAReplacementCharacter() {
			// what MessageAssembler relies on to validate a whole text message only when
			// new String(bytes, UTF_8) contains U+FFFD
			Random random = new Random(8_1);
			int[] interesting = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBD, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
					0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF };
			for (int run = 0; run < 200_000; run++) {
				byte[] bytes = new byte[1 + random.nextInt(16)];
				for (int i = 0; i < bytes.length; i++) {
					bytes[i] = (byte) interesting[random.nextInt(interesting.length)];
				}
				boolean replaced = new String(bytes, StandardCharsets.UTF_8).indexOf('\uFFFD') >= 0;
				if (!replaced) {
					assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes))).as(HexFormat.of().formatHex(bytes))
						.isTrue();
				}
			}
		}

		@Test
		void randomSequencesWithAFixedSeed() {
			Random random = new Random(6455);
			int[] interesting = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
					0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF };
			for (int run = 0; run < 100_000; run++) {
				byte[] bytes = new byte[1 + random.nextInt(12)];
				for (int i = 0; i < bytes.length; i++) {
					bytes[i] = (byte) interesting[random.nextInt(interesting.length)];
				}
				assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes))).as(HexFormat.of().formatHex(bytes))
					.isEqualTo(jdkAccepts(bytes));
			}
		}

	}

}
