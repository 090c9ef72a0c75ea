package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.testclient.ClientFrames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.wsboot.engine.testclient.ClientFrames.bytes;
import static io.wsboot.engine.testclient.ClientFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link FrameEncoder}.
 */
class FrameEncoderTests {

	@Nested
	@DisplayName("RFC 6455 §5.7 examples")
	class Rfc6455Examples {

		@ParameterizedTest(name = "{0}")
		@CsvSource({ "single-frame unmasked text message, TEXT, 81 05 48 65 6c 6c 6f",
				"unmasked ping, PING, 89 05 48 65 6c 6c 6f" })
		void rfc6455Section5_7UnmaskedHello(String example, OpCode opCode, String expected) {
			ByteBuffer frame = FrameEncoder.frame(true, 0, opCode, ByteBuffer.wrap(ClientFrames.utf8("Hello")));
			assertThat(content(frame)).containsExactly(ClientFrames.hex(expected));
		}

		@Test
		void rfc6455Section5_7FragmentedUnmaskedHello() {
			ByteBuffer first = FrameEncoder.frame(false, 0, OpCode.TEXT, ByteBuffer.wrap(ClientFrames.utf8("Hel")));
			ByteBuffer second = FrameEncoder.frame(true, 0, OpCode.CONTINUATION,
					ByteBuffer.wrap(ClientFrames.utf8("lo")));
			assertThat(content(first)).containsExactly(bytes(0x01, 0x03, 0x48, 0x65, 0x6c));
			assertThat(content(second)).containsExactly(bytes(0x80, 0x02, 0x6c, 0x6f));
		}

		@Test
		void rfc6455Section5_7Binary256BytesHeader() {
			assertThat(content(FrameEncoder.header(true, 0, OpCode.BINARY, 256)))
				.containsExactly(bytes(0x82, 0x7E, 0x01, 0x00));
		}

		@Test
		void rfc6455Section5_7Binary64KiBHeader() {
			assertThat(content(FrameEncoder.header(true, 0, OpCode.BINARY, 65536)))
				.containsExactly(bytes(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 minimal length encoding")
	class LengthEncoding {

		@ParameterizedTest(name = "{0}-byte payload has a {1}-byte header")
		@CsvSource({ "0, 2", "125, 2", "126, 4", "65535, 4", "65536, 10", "9223372036854775807, 10" })
		void headerLength(long payloadLength, int headerLength) {
			assertThat(FrameEncoder.headerLength(payloadLength)).isEqualTo(headerLength);
			assertThat(FrameEncoder.header(true, 0, OpCode.BINARY, payloadLength).remaining()).isEqualTo(headerLength);
		}

		@ParameterizedTest(name = "{0}-byte payload: {1}")
		@CsvSource({ "0, 82 00", "125, 82 7d", "126, 82 7e 00 7e", "65535, 82 7e ff ff",
				"65536, 82 7f 00 00 00 00 00 01 00 00", "9223372036854775807, 82 7f 7f ff ff ff ff ff ff ff" })
		void binaryHeaderUsesTheShortestLengthField(long payloadLength, String header) {
			assertThat(content(FrameEncoder.header(true, 0, OpCode.BINARY, payloadLength)))
				.containsExactly(ClientFrames.hex(header));
		}

		@Test
		void lengthIsBigEndianWhateverTheBufferOrder() {
			ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
			FrameEncoder.writeHeader(header, true, 0, OpCode.BINARY, 0x010203);
			assertThat(content(header.flip()))
				.containsExactly(bytes(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03));
		}

		@Test
		void negativeLengthIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.headerLength(-1));
			assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.header(true, 0, OpCode.BINARY, -1));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 first byte")
	class FirstByte {

		@Test
		void finClearAndRsv1() {
			assertThat(content(FrameEncoder.header(false, Frame.RSV1, OpCode.TEXT, 3)))
				.containsExactly(bytes(0x41, 0x03));
		}

		@Test
		void allRsvBitsOnContinuation() {
			assertThat(content(FrameEncoder.header(true, Frame.RSV1 | Frame.RSV2 | Frame.RSV3, OpCode.CONTINUATION, 1)))
				.containsExactly(bytes(0xF0, 0x01));
		}

		@Test
		void closeAndPong() {
			assertThat(content(FrameEncoder.header(true, 0, OpCode.CLOSE, 2))).containsExactly(bytes(0x88, 0x02));
			assertThat(content(FrameEncoder.header(true, 0, OpCode.PONG, 0))).containsExactly(bytes(0x8A, 0x00));
		}

		@Test
		void rsvOutsideTheRsvBitsIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.header(true, 0x80, OpCode.TEXT, 1));
			assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.header(true, 0x01, OpCode.TEXT, 1));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5 control frames")
	class ControlFrames {

		@Test
		void fragmentedControlFrameIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.header(false, 0, OpCode.PING, 1));
		}

		@Test
		void controlFrameOver125BytesIsRejected() {
			assertThatIllegalArgumentException().isThrownBy(() -> FrameEncoder.header(true, 0, OpCode.CLOSE, 126));
		}

		@Test
		void controlFrameOf125BytesIsEncoded() {
			ByteBuffer frame = FrameEncoder.frame(true, 0, OpCode.PONG, ByteBuffer.wrap(pattern(125)));
			assertThat(content(frame)).startsWith(bytes(0x8A, 0x7D)).endsWith(pattern(125)).hasSize(127);
		}

	}

	@Nested
	@DisplayName("whole frames")
	class WholeFrames {

		@Test
		void frameCopiesThePayloadWithoutMovingItsPosition() {
			ByteBuffer payload = ByteBuffer.wrap(pattern(300));
			payload.position(10);
			ByteBuffer frame = FrameEncoder.frame(true, 0, OpCode.BINARY, payload);
			assertThat(payload.position()).isEqualTo(10);
			assertThat(frame.position()).isZero();
			byte[] expectedPayload = Arrays.copyOfRange(pattern(300), 10, 300);
			assertThat(content(frame)).startsWith(bytes(0x82, 0x7E, 0x01, 0x22)).endsWith(expectedPayload).hasSize(294);
		}

		@Test
		void frameFromADirectBuffer() {
			ByteBuffer payload = ByteBuffer.allocateDirect(3).put(bytes(1, 2, 3)).flip();
			assertThat(content(FrameEncoder.frame(true, 0, OpCode.BINARY, payload)))
				.containsExactly(bytes(0x82, 0x03, 1, 2, 3));
		}

		@Test
		void writeHeaderMovesThePositionPastTheHeader() {
			ByteBuffer dst = ByteBuffer.allocate(20);
			dst.position(3);
			FrameEncoder.writeHeader(dst, true, 0, OpCode.TEXT, 200);
			assertThat(dst.position()).isEqualTo(7);
		}

		@Test
		void encodedHeaderMatchesAnIndependentlyBuiltServerFrame() {
			byte[] payload = pattern(70000);
			ByteBuffer encoded = FrameEncoder.frame(true, 0, OpCode.BINARY, ByteBuffer.wrap(payload));
			byte[] header = new byte[10];
			encoded.get(header);
			assertThat(header).isEqualTo(Arrays.copyOf(ClientFrames.builder().binary(payload).unmasked().build(), 10));
		}

	}

	private static byte[] content(ByteBuffer buffer) {
		byte[] content = new byte[buffer.remaining()];
		buffer.duplicate().get(content);
		return content;
	}

}
