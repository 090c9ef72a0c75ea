package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;

import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.ClientFrames.LengthEncoding;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsboot.engine.testclient.ClientFrames.bytes;
import static io.wsboot.engine.testclient.ClientFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the checks of {@link FrameDecoder}: each rejection happens as soon as the
 * offending header bytes arrive, before any callback or allocation.
 */
class FrameDecoderLimitsTests {

	private static final long MAX_FRAME_PAYLOAD_BYTES = 1024;

	private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME_PAYLOAD_BYTES, 0);

	private final CollectingFrameSink sink = new CollectingFrameSink();

	/**
	 * Feed only the first {@code headerBytes} bytes, proving that the check needs no
	 * more.
	 */
	private ThrowingCallable decodeFirst(byte[] bytes, int headerBytes) {
		return () -> {
			ByteBuffer in = ByteBuffer.wrap(bytes, 0, headerBytes);
			while (in.hasRemaining()) {
				this.decoder.decode(in, this.sink);
			}
		};
	}

	private void assertRejected(ThrowingCallable decoding, int code, String message) {
		assertThatExceptionOfType(WsProtocolException.class).isThrownBy(decoding)
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(code));
		assertThat(this.sink.events()).isEmpty();
	}

	@Nested
	@DisplayName("RFC 6455 §5.1 masking")
	class MaskBit {

		@Test
		void rfc6455Section5_7UnmaskedHelloFromAClientClosesWith1002() {
			byte[] bytes = bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
			assertRejected(decodeFirst(bytes, 2), 1002, "received unmasked TEXT frame");
		}

		@Test
		void unmaskedPingClosesWith1002() {
			byte[] bytes = ClientFrames.builder().ping("x").unmasked().build();
			assertRejected(decodeFirst(bytes, 2), 1002, "received unmasked PING frame");
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 reserved bits (Autobahn 3.x)")
	class ReservedBits {

		@ParameterizedTest(name = "RSV bits 0x{0} on a text frame without an extension (Autobahn 3.1-3.7)")
		@ValueSource(ints = { 0x40, 0x20, 0x10, 0x60, 0x70 })
		void rsvBitsWithoutAnExtensionCloseWith1002(int rsv) {
			byte[] bytes = ClientFrames.builder().text("Hello").rsv(rsv).build();
			assertThatExceptionOfType(WsProtocolException.class).isThrownBy(decodeFirst(bytes, 1))
				.withMessageContaining("set but no extension negotiated it")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
			assertThat(FrameDecoderLimitsTests.this.sink.events()).isEmpty();
		}

		@Test
		void rsvBitOtherThanTheNegotiatedOneClosesWith1002() {
			FrameDecoderLimitsTests.this.decoder.setAllowedRsvMask(Frame.RSV1);
			byte[] bytes = ClientFrames.builder().binary(bytes(1)).rsv(Frame.RSV1 | Frame.RSV2).build();
			assertRejected(decodeFirst(bytes, 1), 1002,
					"received BINARY frame with RSV2 set but no extension negotiated it");
		}

		@Test
		void negotiatedRsvBitOnAControlFrameClosesWith1002() {
			FrameDecoderLimitsTests.this.decoder.setAllowedRsvMask(Frame.RSV1);
			byte[] bytes = ClientFrames.builder().ping("x").rsv(Frame.RSV1).build();
			assertRejected(decodeFirst(bytes, 1), 1002, "received PING frame with RSV1 set");
		}

		@Test
		void rsvBitsOnACloseFrameCloseWith1002() {
			byte[] bytes = ClientFrames.builder().close().rsv(Frame.RSV1 | Frame.RSV3).build();
			assertRejected(decodeFirst(bytes, 1), 1002, "received CLOSE frame with RSV1+RSV3 set");
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 opcodes (Autobahn 4.x)")
	class Opcodes {

		@Test
		void reservedOpcodeAfterAValidFrameClosesWith1002AfterTheValidFrame() {
			byte[] bytes = ClientFrames.builder().text("ok").frame(5, bytes()).build();
			assertThatExceptionOfType(WsProtocolException.class).isThrownBy(decodeFirst(bytes, bytes.length))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
			assertThat(FrameDecoderLimitsTests.this.sink.frames()).hasSize(1);
		}

		@ParameterizedTest(name = "reserved opcode {0} (Autobahn 4.1.x data, 4.2.x control)")
		@ValueSource(ints = { 3, 4, 5, 6, 7, 11, 12, 13, 14, 15 })
		void reservedOpcodeClosesWith1002(int opCode) {
			byte[] bytes = ClientFrames.builder().frame(opCode, pattern(3)).build();
			assertRejected(decodeFirst(bytes, 1), 1002,
					"received frame with reserved opcode 0x" + Integer.toHexString(opCode));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5 control frames (Autobahn 2.x, 5.1-5.2)")
	class ControlFrames {

		@Test
		void payloadOver125BytesClosesWith1002() {
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.PING, pattern(126)).build();
			assertRejected(decodeFirst(bytes, 4), 1002, "received control frame with 126-byte payload (PING)");
		}

		@Test
		void closeWith64BitLengthOver125ClosesWith1002() {
			byte[] bytes = ClientFrames.builder().close().length(1L << 40).build();
			assertRejected(decodeFirst(bytes, 10), 1002,
					"received control frame with 1099511627776-byte payload (CLOSE)");
		}

		@Test
		void controlFrameWithMaximumLengthClosesWith1002NotWith1009() {
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.PONG, bytes()).length(Long.MAX_VALUE).build();
			assertRejected(decodeFirst(bytes, 10), 1002,
					"received control frame with " + Long.MAX_VALUE + "-byte payload (PONG)");
		}

		@ParameterizedTest(name = "fragmented control opcode {0} (Autobahn 5.1, 5.2)")
		@ValueSource(ints = { 0x8, 0x9, 0xA })
		void controlFrameWithoutFinClosesWith1002(int opCode) {
			byte[] bytes = ClientFrames.builder().frame(opCode, pattern(2)).fin(false).build();
			assertThatExceptionOfType(WsProtocolException.class).isThrownBy(decodeFirst(bytes, 1))
				.withMessageStartingWith("received fragmented control frame (")
				.withMessageEndingWith(" with FIN=0)")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
		}

		@Test
		void controlFrameOf125BytesIsAccepted() {
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.PONG, pattern(125)).build();
			FrameDecoderLimitsTests.this.decoder.decode(ByteBuffer.wrap(bytes), FrameDecoderLimitsTests.this.sink);
			assertThat(FrameDecoderLimitsTests.this.sink.frames()).hasSize(1);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 payload length (Autobahn 9.x)")
	class PayloadLength {

		@Test
		void lengthWithMostSignificantBitSetClosesWith1002() {
			byte[] bytes = ClientFrames.builder().binary(bytes()).length(Long.MIN_VALUE).build();
			assertRejected(decodeFirst(bytes, 3), 1002,
					"received 64-bit payload length with the most significant bit set");
		}

		@Test
		void lengthOfAllOnesClosesWith1002() {
			byte[] bytes = ClientFrames.builder().binary(bytes()).length(-1).build();
			assertRejected(decodeFirst(bytes, 3), 1002,
					"received 64-bit payload length with the most significant bit set");
		}

		@Test
		void maximumLengthClosesWith1009BeforeAllocating() {
			byte[] bytes = ClientFrames.builder().binary(bytes()).length(Long.MAX_VALUE).build();
			assertThat(bytes).hasSize(14);
			assertRejected(decodeFirst(bytes, 10), 1009,
					"received BINARY frame with " + Long.MAX_VALUE + "-byte payload, limit is 1024 bytes");
		}

		@Test
		void length2To62ClosesWith1009BeforeAllocating() {
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.TEXT, bytes()).length(1L << 62).build();
			assertRejected(decodeFirst(bytes, 10), 1009,
					"received TEXT frame with 4611686018427387904-byte payload, limit is 1024 bytes");
		}

		@Test
		void lengthOneOverTheLimitClosesWith1009() {
			byte[] bytes = ClientFrames.builder().binary(pattern(1025)).build();
			assertRejected(decodeFirst(bytes, 4), 1009,
					"received BINARY frame with 1025-byte payload, limit is 1024 bytes");
		}

		@Test
		void lengthOverTheLimitIn7BitFieldClosesWith1009() {
			FrameDecoder decoder = new FrameDecoder(10, 0);
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.CONTINUATION, pattern(11)).build();
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes, 0, 2), FrameDecoderLimitsTests.this.sink))
				.withMessage("received CONTINUATION frame with 11-byte payload, limit is 10 bytes")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1009));
		}

		@Test
		void nonMinimalEncodingIsCheckedByValue() {
			byte[] bytes = ClientFrames.builder().binary(pattern(1025)).lengthEncoding(LengthEncoding.BITS_64).build();
			assertRejected(decodeFirst(bytes, 10), 1009,
					"received BINARY frame with 1025-byte payload, limit is 1024 bytes");
		}

		@Test
		void limitMustBePositive() {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new FrameDecoder(0, 0));
		}

	}

	static Stream<Arguments> rejectedHeaders() {
		return Stream.of(
				Arguments.of("unmasked text", bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f), 1002,
						"received unmasked TEXT frame"),
				Arguments.of("reserved opcode", ClientFrames.builder().frame(3, pattern(3)).build(), 1002,
						"received frame with reserved opcode 0x3"),
				Arguments.of("RSV1 without an extension", ClientFrames.builder().text("x").rsv(Frame.RSV1).build(),
						1002, "received TEXT frame with RSV1 set but no extension negotiated it"),
				Arguments.of("fragmented ping", ClientFrames.builder().ping("x").fin(false).build(), 1002,
						"received fragmented control frame (PING with FIN=0)"),
				Arguments.of("ping of 126 bytes", ClientFrames.builder().frame(ClientFrames.PING, pattern(126)).build(),
						1002, "received control frame with 126-byte payload (PING)"),
				Arguments.of("64-bit length with the top bit set",
						ClientFrames.builder().binary(bytes()).length(Long.MIN_VALUE).build(), 1002,
						"received 64-bit payload length with the most significant bit set"),
				Arguments.of("16-bit length over the limit", ClientFrames.builder().binary(pattern(1025)).build(), 1009,
						"received BINARY frame with 1025-byte payload, limit is 1024 bytes"),
				Arguments.of("64-bit length over the limit",
						ClientFrames.builder().binary(bytes()).length(Long.MAX_VALUE).build(), 1009,
						"received BINARY frame with " + Long.MAX_VALUE + "-byte payload, limit is 1024 bytes"));
	}

	@Nested
	@DisplayName("RFC 6455 §5.2 checks on a header that is whole in the buffer")
	class WholeHeader {

		@ParameterizedTest(name = "{0}, heap buffer")
		@MethodSource("io.wsboot.engine.internal.frame.FrameDecoderLimitsTests#rejectedHeaders")
		void sameRejectionAsByteByByte(String name, byte[] bytes, int code, String message) {
			assertRejected(decodeFirst(bytes, bytes.length), code, message);
		}

		@ParameterizedTest(name = "{0}, little-endian direct buffer")
		@MethodSource("io.wsboot.engine.internal.frame.FrameDecoderLimitsTests#rejectedHeaders")
		void sameRejectionFromALittleEndianDirectBuffer(String name, byte[] bytes, int code, String message) {
			ByteBuffer in = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
			in.put(bytes).flip();
			assertRejected(() -> {
				while (in.hasRemaining()) {
					FrameDecoderLimitsTests.this.decoder.decode(in, FrameDecoderLimitsTests.this.sink);
				}
			}, code, message);
		}

		@ParameterizedTest(name = "{0}, byte by byte")
		@MethodSource("io.wsboot.engine.internal.frame.FrameDecoderLimitsTests#rejectedHeaders")
		void sameRejectionByteByByte(String name, byte[] bytes, int code, String message) {
			assertRejected(() -> {
				for (int i = 0; i < bytes.length; i++) {
					FrameDecoderLimitsTests.this.decoder.decode(ByteBuffer.wrap(bytes, i, 1),
							FrameDecoderLimitsTests.this.sink);
				}
			}, code, message);
		}

	}

}
