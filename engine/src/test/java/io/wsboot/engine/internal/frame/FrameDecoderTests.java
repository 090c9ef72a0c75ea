package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.ClientFrames.LengthEncoding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsboot.engine.internal.frame.CollectingFrameSink.frame;
import static io.wsboot.engine.testclient.ClientFrames.bytes;
import static io.wsboot.engine.testclient.ClientFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link FrameDecoder} decoding valid frames.
 */
class FrameDecoderTests {

	private static final long MAX_FRAME_PAYLOAD_BYTES = 1024 * 1024;

	private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME_PAYLOAD_BYTES, 0);

	private final CollectingFrameSink sink = new CollectingFrameSink();

	private List<Frame> decodeAll(ByteBuffer in) {
		while (in.hasRemaining()) {
			this.decoder.decode(in, this.sink);
		}
		return this.sink.frames();
	}

	private List<Frame> decodeByteByByte(byte[] bytes) {
		for (byte value : bytes) {
			ByteBuffer single = ByteBuffer.wrap(new byte[] { value });
			this.decoder.decode(single, this.sink);
			assertThat(single.hasRemaining()).isFalse();
		}
		return this.sink.frames();
	}

	@Nested
	@DisplayName("RFC 6455 §5.7 examples")
	class Rfc6455Examples {

		@Test
		void rfc6455Section5_7SingleMaskedHello() {
			ByteBuffer in = ByteBuffer.wrap(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
			boolean ended = FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink);
			assertThat(ended).isTrue();
			assertThat(in.hasRemaining()).isFalse();
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.TEXT, "Hello"));
			assertThat(FrameDecoderTests.this.sink.events()).containsExactly("start TEXT fin=true rsv=0 length=5",
					"payload 5", "end");
		}

		@Test
		void rfc6455Section5_7SingleMaskedHelloIsUnmaskedInPlace() {
			byte[] bytes = bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
			decodeAll(ByteBuffer.wrap(bytes));
			assertThat(bytes).endsWith(ClientFrames.utf8("Hello"));
		}

		@Test
		void rfc6455Section5_7FragmentedHelloMasked() {
			byte[] bytes = ClientFrames.builder().text("Hel").fin(false).continuation("lo").build();
			// the RFC's unmasked example with the MASK bit and key added
			assertThat(bytes).startsWith(bytes(0x01, 0x83, 0x37, 0xfa, 0x21, 0x3d));
			assertThat(decodeAll(ByteBuffer.wrap(bytes))).containsExactly(frame(false, OpCode.TEXT, "Hel"),
					frame(true, OpCode.CONTINUATION, "lo"));
		}

		@Test
		void rfc6455Section5_7MaskedPong() {
			ByteBuffer in = ByteBuffer.wrap(bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
			assertThat(decodeAll(in)).containsExactly(frame(true, OpCode.PONG, "Hello"));
		}

		@Test
		void rfc6455Section5_7MaskedPing() {
			ByteBuffer in = ClientFrames.builder().ping("Hello").buffer();
			assertThat(in.array()).startsWith(bytes(0x89, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
			assertThat(decodeAll(in)).containsExactly(frame(true, OpCode.PING, "Hello"));
			assertThat(FrameDecoderTests.this.sink.events()).containsExactly("start PING fin=true rsv=0 length=5",
					"payload 5", "end");
		}

		@Test
		void rfc6455Section5_7Binary256BytesWith16BitLength() {
			byte[] payload = pattern(256);
			byte[] bytes = ClientFrames.builder().binary(payload).build();
			assertThat(bytes).startsWith(bytes(0x82, 0xFE, 0x01, 0x00, 0x37, 0xfa, 0x21, 0x3d));
			assertThat(decodeAll(ByteBuffer.wrap(bytes))).containsExactly(frame(true, OpCode.BINARY, payload));
		}

		@Test
		void rfc6455Section5_7Binary64KiBWith64BitLength() {
			byte[] payload = pattern(65536);
			byte[] bytes = ClientFrames.builder().binary(payload).build();
			assertThat(bytes).startsWith(bytes(0x82, 0xFF, 0, 0, 0, 0, 0, 0x01, 0, 0, 0x37, 0xfa, 0x21, 0x3d));
			assertThat(decodeAll(ByteBuffer.wrap(bytes))).containsExactly(frame(true, OpCode.BINARY, payload));
			assertThat(FrameDecoderTests.this.sink.payloadCalls()).isOne();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 headers split at any byte")
	class SplitHeaders {

		@ParameterizedTest(name = "{0}-byte payload fed byte by byte")
		@ValueSource(ints = { 0, 1, 5, 125, 126, 127, 65535, 65536 })
		void frameFedByteByByte(int length) {
			byte[] payload = pattern(length);
			byte[] bytes = ClientFrames.builder().binary(payload).masked(0x01020304).build();
			int headerLength = bytes.length - length;
			for (int i = 0; i < headerLength - 1; i++) {
				FrameDecoderTests.this.decoder.decode(ByteBuffer.wrap(bytes, i, 1), FrameDecoderTests.this.sink);
				assertThat(FrameDecoderTests.this.sink.events()).as("events after header byte %d", i).isEmpty();
			}
			boolean ended = FrameDecoderTests.this.decoder.decode(ByteBuffer.wrap(bytes, headerLength - 1, 1),
					FrameDecoderTests.this.sink);
			assertThat(ended).isEqualTo(length == 0);
			assertThat(FrameDecoderTests.this.sink.events()).first()
				.isEqualTo("start BINARY fin=true rsv=0 length=" + length);
			for (int i = headerLength; i < bytes.length; i++) {
				ended = FrameDecoderTests.this.decoder.decode(ByteBuffer.wrap(bytes, i, 1),
						FrameDecoderTests.this.sink);
				assertThat(ended).isEqualTo(i == bytes.length - 1);
			}
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.BINARY, payload));
			assertThat(FrameDecoderTests.this.sink.payloadCalls()).isEqualTo(length);
		}

		@ParameterizedTest(name = "{0}-byte payload split in two at every byte")
		@ValueSource(ints = { 0, 3, 126, 300 })
		void frameSplitInTwoAtEveryByte(int length) {
			byte[] payload = pattern(length);
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.TEXT, payload).masked(0xA1B2C3D4).build();
			for (int split = 0; split <= bytes.length; split++) {
				FrameDecoder decoder = new FrameDecoder(MAX_FRAME_PAYLOAD_BYTES, 0);
				CollectingFrameSink sink = new CollectingFrameSink();
				byte[] copy = bytes.clone();
				ByteBuffer first = ByteBuffer.wrap(copy, 0, split);
				while (first.hasRemaining()) {
					decoder.decode(first, sink);
				}
				ByteBuffer second = ByteBuffer.wrap(copy, split, copy.length - split);
				while (second.hasRemaining()) {
					decoder.decode(second, sink);
				}
				assertThat(sink.frames()).as("split at %d", split).containsExactly(frame(true, OpCode.TEXT, payload));
			}
		}

		@Test
		void headerOf64BitLengthSplitAcrossBuffersOfThreeBytes() {
			byte[] payload = pattern(70000);
			byte[] bytes = ClientFrames.builder().binary(payload).build();
			for (int offset = 0; offset < bytes.length; offset += 3) {
				ByteBuffer in = ByteBuffer.wrap(bytes, offset, Math.min(3, bytes.length - offset));
				while (in.hasRemaining()) {
					FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink);
				}
			}
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.BINARY, payload));
		}

		@Test
		void maskContinuesAcrossPayloadChunksOfEveryLength() {
			byte[] payload = pattern(1000);
			for (int chunkLength = 1; chunkLength <= 9; chunkLength++) {
				FrameDecoder decoder = new FrameDecoder(MAX_FRAME_PAYLOAD_BYTES, 0);
				CollectingFrameSink sink = new CollectingFrameSink();
				byte[] bytes = ClientFrames.builder().binary(payload).masked(0x0BADF00D).build();
				for (int offset = 0; offset < bytes.length; offset += chunkLength) {
					ByteBuffer in = ByteBuffer.wrap(bytes, offset, Math.min(chunkLength, bytes.length - offset));
					while (in.hasRemaining()) {
						decoder.decode(in, sink);
					}
				}
				assertThat(sink.frames()).as("chunks of %d bytes", chunkLength)
					.containsExactly(frame(true, OpCode.BINARY, payload));
			}
		}

		@Test
		void payloadIsPassedOnAsItArrives() {
			byte[] bytes = ClientFrames.builder().text("Hello, world").build();
			ByteBuffer in = ByteBuffer.wrap(bytes, 0, 6 + 5);
			assertThat(FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink)).isFalse();
			assertThat(FrameDecoderTests.this.sink.events()).containsExactly("start TEXT fin=true rsv=0 length=12",
					"payload 5");
			assertThat(FrameDecoderTests.this.sink.isInFrame()).isTrue();
			assertThat(FrameDecoderTests.this.decoder.isAtFrameBoundary()).isFalse();
			assertThat(
					FrameDecoderTests.this.decoder.decode(ByteBuffer.wrap(bytes, 11, 7), FrameDecoderTests.this.sink))
				.isTrue();
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.TEXT, "Hello, world"));
			assertThat(FrameDecoderTests.this.decoder.isAtFrameBoundary()).isTrue();
		}

		@Test
		void directBufferIsUnmaskedInPlace() {
			ByteBuffer in = ClientFrames.builder().text("Hello, direct world").directBuffer();
			decodeAll(in);
			assertThat(FrameDecoderTests.this.sink.frames())
				.containsExactly(frame(true, OpCode.TEXT, "Hello, direct world"));
			byte[] unmasked = new byte[19];
			in.get(6, unmasked);
			assertThat(unmasked).isEqualTo(ClientFrames.utf8("Hello, direct world"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 headers whole in the buffer, in any byte order")
	class WholeHeaders {

		@Test
		void payloadChunkIsTheCallersBufferNarrowedAndItsLimitIsRestored() {
			byte[] bytes = ClientFrames.builder().text("abc").text("de").build();
			ByteBuffer in = ByteBuffer.wrap(bytes);
			List<String> seen = new ArrayList<>();
			FrameSink sink = new FrameSink() {

				@Override
				public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
				}

				@Override
				public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) {
					seen.add((chunk == in) + " " + chunk.position() + "-" + chunk.limit() + " offset " + frameOffset);
					chunk.position(chunk.limit());
				}

				@Override
				public void payload(ByteBuffer chunk) {
					throw new AssertionError("data frames go to maskedPayload");
				}

				@Override
				public void frameEnd() {
				}

			};
			FrameDecoderTests.this.decoder.decode(in, sink);
			assertThat(in.limit()).isEqualTo(bytes.length);
			assertThat(in.position()).isEqualTo(9);
			FrameDecoderTests.this.decoder.decode(in, sink);
			assertThat(seen).containsExactly("true 6-9 offset 0", "true 15-17 offset 0");
		}

		@ParameterizedTest(name = "{0}-byte payload")
		@ValueSource(ints = { 0, 1, 125, 126, 300, 65535, 65536, 70000 })
		void lengthAndKeyAreReadInNetworkOrderWhateverTheBufferOrder(int length) {
			byte[] payload = pattern(length);
			byte[] bytes = ClientFrames.builder().binary(payload).masked(0x8899AABB).ping("p").build();
			List<ByteBuffer> buffers = List.of(ByteBuffer.allocate(bytes.length),
					ByteBuffer.allocate(bytes.length).order(ByteOrder.LITTLE_ENDIAN),
					ByteBuffer.allocateDirect(bytes.length),
					ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN));
			for (ByteBuffer in : buffers) {
				FrameDecoder decoder = new FrameDecoder(MAX_FRAME_PAYLOAD_BYTES, 0);
				CollectingFrameSink sink = new CollectingFrameSink();
				in.put(bytes).flip();
				assertThat(decoder.decode(in, sink)).isTrue();
				assertThat(decoder.decode(in, sink)).isTrue();
				assertThat(in.hasRemaining()).isFalse();
				assertThat(sink.frames()).as("%s %s", in.isDirect() ? "direct" : "heap", in.order())
					.containsExactly(frame(true, OpCode.BINARY, payload), frame(true, OpCode.PING, "p"));
				assertThat(sink.events()).first().isEqualTo("start BINARY fin=true rsv=0 length=" + length);
			}
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 several frames in one buffer")
	class SeveralFrames {

		@Test
		void framesAreDecodedInOrderOneFramePerCall() {
			ByteBuffer in = ClientFrames.builder()
				.text("one")
				.binary(bytes(1, 2))
				.ping("p")
				.text("four")
				.fin(false)
				.continuation("!")
				.buffer();
			List<Integer> positions = new ArrayList<>();
			while (in.hasRemaining()) {
				assertThat(FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink)).isTrue();
				positions.add(in.position());
			}
			assertThat(positions).containsExactly(9, 17, 24, 34, 41);
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.TEXT, "one"),
					frame(true, OpCode.BINARY, bytes(1, 2)), frame(true, OpCode.PING, "p"),
					frame(false, OpCode.TEXT, "four"), frame(true, OpCode.CONTINUATION, "!"));
		}

		@Test
		void payloadChunkIsLimitedToItsFrame() {
			List<Integer> chunkLimits = new ArrayList<>();
			FrameSink sink = new FrameSink() {

				@Override
				public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
				}

				@Override
				public void payload(ByteBuffer chunk) {
					chunkLimits.add(chunk.remaining());
					chunk.position(chunk.limit());
				}

				@Override
				public void frameEnd() {
				}

			};
			ByteBuffer in = ClientFrames.builder().text("abcde").text("fg").buffer();
			FrameDecoderTests.this.decoder.decode(in, sink);
			assertThat(in.position()).isEqualTo(11);
			FrameDecoderTests.this.decoder.decode(in, sink);
			assertThat(chunkLimits).containsExactly(5, 2);
		}

		@Test
		void zeroLengthDataFrameHasNoPayloadCall() {
			ByteBuffer in = ClientFrames.builder().text("").buffer();
			assertThat(FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink)).isTrue();
			assertThat(FrameDecoderTests.this.sink.events()).containsExactly("start TEXT fin=true rsv=0 length=0",
					"end");
		}

		@Test
		void zeroLengthDataFrameEndsWhenBufferEndsWithItsHeader() {
			byte[] bytes = ClientFrames.builder().binary(new byte[0]).text("x").build();
			assertThat(FrameDecoderTests.this.decoder.decode(ByteBuffer.wrap(bytes, 0, 6), FrameDecoderTests.this.sink))
				.isTrue();
			decodeAll(ByteBuffer.wrap(bytes, 6, bytes.length - 6));
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.BINARY, new byte[0]),
					frame(true, OpCode.TEXT, "x"));
		}

		@Test
		void emptyBufferDecodesNothing() {
			assertThat(FrameDecoderTests.this.decoder.decode(ByteBuffer.allocate(0), FrameDecoderTests.this.sink))
				.isFalse();
			assertThat(FrameDecoderTests.this.sink.events()).isEmpty();
			assertThat(FrameDecoderTests.this.decoder.isAtFrameBoundary()).isTrue();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5 control frames")
	class ControlFrames {

		@Test
		void controlPayloadIsDeliveredInOneCallEvenWhenFedByteByByte() {
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.PING, pattern(125)).build();
			decodeByteByByte(bytes);
			assertThat(FrameDecoderTests.this.sink.events()).containsExactly("start PING fin=true rsv=0 length=125",
					"payload 125", "end");
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.PING, pattern(125)));
		}

		@Test
		void emptyControlFrameGetsOneEmptyPayloadCall() {
			ByteBuffer in = ClientFrames.builder().close().buffer();
			assertThat(FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink)).isTrue();
			assertThat(FrameDecoderTests.this.sink.events()).containsExactly("start CLOSE fin=true rsv=0 length=0",
					"payload 0", "end");
		}

		@Test
		void closeFrameWithCodeAndReason() {
			ByteBuffer in = ClientFrames.builder().close(1000, "bye").buffer();
			assertThat(decodeAll(in)).containsExactly(frame(true, OpCode.CLOSE, bytes(0x03, 0xE8, 'b', 'y', 'e')));
		}

		@Test
		void controlFramesBetweenFragmentsOfAMessage() {
			ByteBuffer in = ClientFrames.builder()
				.text("Hel")
				.fin(false)
				.ping("ping")
				.continuation("l")
				.fin(false)
				.frame(ClientFrames.PONG, bytes(7))
				.continuation("o")
				.buffer();
			assertThat(decodeAll(in)).containsExactly(frame(false, OpCode.TEXT, "Hel"),
					frame(true, OpCode.PING, "ping"), frame(false, OpCode.CONTINUATION, "l"),
					frame(true, OpCode.PONG, bytes(7)), frame(true, OpCode.CONTINUATION, "o"));
		}

		@Test
		void controlPayloadWholeInTheBufferIsUnmaskedInPlaceWithoutACopy() {
			byte[] bytes = ClientFrames.builder().ping("abc").build();
			decodeAll(ByteBuffer.wrap(bytes));
			assertThat(bytes).endsWith(ClientFrames.utf8("abc"));
		}

		@Test
		void controlPayloadSplitAcrossReadsIsCollectedAndTheCallersBufferIsLeftMasked() {
			byte[] bytes = ClientFrames.builder().ping("abcdef").build();
			byte[] before = bytes.clone();
			FrameDecoder decoder = FrameDecoderTests.this.decoder;
			CollectingFrameSink sink = FrameDecoderTests.this.sink;
			assertThat(decoder.decode(ByteBuffer.wrap(bytes, 0, 9), sink)).isFalse();
			assertThat(decoder.decode(ByteBuffer.wrap(bytes, 9, bytes.length - 9), sink)).isTrue();
			assertThat(sink.frames()).containsExactly(frame(true, OpCode.PING, "abcdef"));
			assertThat(bytes).isEqualTo(before);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 length encodings")
	class LengthEncodings {

		@ParameterizedTest(name = "5-byte payload in the {0} field")
		@ValueSource(strings = { "BITS_16", "BITS_64" })
		void nonMinimalLengthIsAccepted(LengthEncoding encoding) {
			ByteBuffer in = ClientFrames.builder().text("Hello").lengthEncoding(encoding).buffer();
			assertThat(decodeAll(in)).containsExactly(frame(true, OpCode.TEXT, "Hello"));
		}

		@Test
		void controlFrameWithNonMinimalLengthIsAccepted() {
			ByteBuffer in = ClientFrames.builder().ping("Hello").lengthEncoding(LengthEncoding.BITS_64).buffer();
			assertThat(decodeAll(in)).containsExactly(frame(true, OpCode.PING, "Hello"));
		}

		@Test
		void lengthAtTheLimitIsAccepted() {
			FrameDecoder decoder = new FrameDecoder(300, 0);
			ByteBuffer in = ClientFrames.builder().binary(pattern(300)).buffer();
			while (in.hasRemaining()) {
				decoder.decode(in, FrameDecoderTests.this.sink);
			}
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(frame(true, OpCode.BINARY, pattern(300)));
		}

		@Test
		void hugeDeclaredLengthWithinTheLimitStartsTheFrameWithoutAllocating() {
			FrameDecoder decoder = new FrameDecoder(Long.MAX_VALUE, 0);
			ByteBuffer in = ClientFrames.builder().binary(new byte[0]).length(Long.MAX_VALUE).buffer();
			assertThat(decoder.decode(in, FrameDecoderTests.this.sink)).isFalse();
			assertThat(FrameDecoderTests.this.sink.events())
				.containsExactly("start BINARY fin=true rsv=0 length=" + Long.MAX_VALUE);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2, §9 negotiated RSV bits")
	class NegotiatedRsvBits {

		@Test
		void rsvBitOfANegotiatedExtensionIsReported() {
			FrameDecoderTests.this.decoder.setAllowedRsvMask(Frame.RSV1);
			ByteBuffer in = ClientFrames.builder().text("x").rsv(Frame.RSV1).fin(false).continuation("y").buffer();
			decodeAll(in);
			assertThat(FrameDecoderTests.this.sink.frames()).containsExactly(
					new Frame(false, Frame.RSV1, OpCode.TEXT, ByteBuffer.wrap(bytes('x'))),
					frame(true, OpCode.CONTINUATION, "y"));
		}

		@Test
		void allowedMaskOutsideRsvBitsIsRejected() {
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> FrameDecoderTests.this.decoder.setAllowedRsvMask(0x80));
		}

	}

	@Nested
	@DisplayName("failure")
	class Failure {

		@Test
		void decoderIsUnusableAfterAProtocolError() {
			ByteBuffer in = ClientFrames.builder().text("x").unmasked().buffer();
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> FrameDecoderTests.this.decoder.decode(in, FrameDecoderTests.this.sink))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
			assertThatIllegalStateException().isThrownBy(() -> FrameDecoderTests.this.decoder
				.decode(ClientFrames.builder().text("y").buffer(), FrameDecoderTests.this.sink));
		}

		@Test
		void exceptionFromTheSinkPropagatesAndFailsTheDecoder() {
			FrameSink failing = new FrameSink() {

				@Override
				public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
					throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "rejected by sink");
				}

				@Override
				public void payload(ByteBuffer chunk) {
				}

				@Override
				public void frameEnd() {
				}

			};
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(
						() -> FrameDecoderTests.this.decoder.decode(ClientFrames.builder().text("x").buffer(), failing))
				.withMessage("rejected by sink")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
			assertThat(FrameDecoderTests.this.decoder.isAtFrameBoundary()).isFalse();
		}

	}

}
