package io.wsboot.engine.internal.extension.deflate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.EncodedPayload;
import io.wsboot.engine.internal.frame.Frame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link PerMessageDeflateCodec}: the RFC 7692 §7.2.3 examples as golden
 * vectors, round trips, and chunked delivery.
 */
class PerMessageDeflateCodecTests {

	/** RFC 7692 §7.2.3.1: "Hello" in one compressed DEFLATE block. */
	static final byte[] HELLO = bytes(0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);

	/** RFC 7692 §7.2.3.2: a second "Hello" that refers back to the first. */
	static final byte[] HELLO_AGAIN = bytes(0xf2, 0x00, 0x11, 0x00, 0x00);

	private final TrackedStreams streams = new TrackedStreams(0);

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Decode one message given as the payload chunks the assembler passes, the last with
	 * fin set.
	 */
	static byte[] decode(PerMessageDeflateCodec codec, byte[]... chunks) {
		LimitedSink sink = LimitedSink.unlimited();
		for (int i = 0; i < chunks.length; i++) {
			codec.decode(ByteBuffer.wrap(chunks[i]), i == chunks.length - 1, sink);
		}
		return sink.bytes();
	}

	static byte[] payload(EncodedPayload encoded) {
		ByteBuffer payload = encoded.payload().duplicate();
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		return bytes;
	}

	static byte[] encode(PerMessageDeflateCodec codec, byte[] message) {
		EncodedPayload encoded = codec.encode(OpCode.TEXT, ByteBuffer.wrap(message));
		assertThat(encoded.rsv()).isEqualTo(Frame.RSV1);
		return payload(encoded);
	}

	@Test
	void claimsRsv1() {
		assertThat(this.streams.codec(false, 0).rsvMask()).isEqualTo(Frame.RSV1).isEqualTo(0x40);
	}

	@Nested
	@DisplayName("RFC 7692 §7.2.3.1 a message compressed using 1 compressed DEFLATE block")
	class OneCompressedBlock {

		@Test
		void rfc7692Section7_2_3_1DecodesHello() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThat(decode(codec, HELLO)).containsExactly(ascii("Hello"));
		}

		@Test
		void rfc7692Section7_2_3_1EncodesHelloAtDefaultLevel() {
			PerMessageDeflateFactory factory = new PerMessageDeflateFactory(
					PerMessageDeflate.DEFAULTS.withCompressionThresholdBytes(0));
			PerMessageDeflateCodec codec = (PerMessageDeflateCodec) factory
				.negotiate(Offers.parse("permessage-deflate"))
				.codec();
			assertThat(encode(codec, ascii("Hello"))).containsExactly(HELLO);
		}

		@Test
		void rfc7692Section7_2_3_1SameAtEveryLevel() {
			for (int level = 1; level <= 9; level++) {
				PerMessageDeflateFactory factory = new PerMessageDeflateFactory(
						PerMessageDeflate.DEFAULTS.withCompressionThresholdBytes(0).withCompressionLevel(level));
				PerMessageDeflateCodec codec = (PerMessageDeflateCodec) factory
					.negotiate(Offers.parse("permessage-deflate"))
					.codec();
				assertThat(encode(codec, ascii("Hello"))).as("level %d", level).containsExactly(HELLO);
			}
		}

		@Test
		void rfc7692Section7_2_3_1SplitAtEveryPosition() {
			for (int split = 0; split <= HELLO.length; split++) {
				PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
				byte[] first = Arrays.copyOfRange(HELLO, 0, split);
				byte[] rest = Arrays.copyOfRange(HELLO, split, HELLO.length);
				assertThat(decode(codec, first, rest)).as("split at %d", split).containsExactly(ascii("Hello"));
			}
		}

		@Test
		void rfc7692Section7_2_3_1OneByteAtATimeThenEmptyFinalChunk() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			byte[][] chunks = new byte[HELLO.length + 1][];
			for (int i = 0; i < HELLO.length; i++) {
				chunks[i] = new byte[] { HELLO[i] };
			}
			chunks[HELLO.length] = new byte[0];
			assertThat(decode(codec, chunks)).containsExactly(ascii("Hello"));
		}

		@Test
		void directBufferPayload() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			ByteBuffer direct = ByteBuffer.allocateDirect(HELLO.length).put(HELLO).flip();
			LimitedSink sink = LimitedSink.unlimited();
			codec.decode(direct, true, sink);
			assertThat(sink.text()).isEqualTo("Hello");
			assertThat(direct.position()).as("payload left untouched").isZero();
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2.3.2 sharing LZ77 sliding window")
	class SharingWindow {

		@Test
		void rfc7692Section7_2_3_2SecondHelloRefersBack() {
			assertTwoHellosEncodeTo(false, HELLO, HELLO_AGAIN);
		}

		@Test
		void rfc7692Section7_2_3_2DecodesSecondHello() {
			assertDecodeToTwoHellos(HELLO, HELLO_AGAIN);
		}

		@Test
		@DisplayName("RFC 7692 §7.1.1.1 server_no_context_takeover compresses each message alone")
		void serverNoContextTakeoverRepeatsFirstBytes() {
			assertTwoHellosEncodeTo(true, HELLO, HELLO);
		}

		@Test
		@DisplayName("RFC 7692 §7.2.2 a message without back-references decodes with a kept window")
		void messageCompressedWithEmptyWindowDecodesAfterAnother() {
			assertDecodeToTwoHellos(HELLO, HELLO);
		}

		/**
		 * Encode "Hello" twice with one codec, as RFC 7692 §7.2.3.2 does.
		 */
		private void assertTwoHellosEncodeTo(boolean serverNoContextTakeover, byte[] first, byte[] second) {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(serverNoContextTakeover, 0);
			assertThat(encode(codec, ascii("Hello"))).containsExactly(first);
			assertThat(encode(codec, ascii("Hello"))).containsExactly(second);
		}

		private void assertDecodeToTwoHellos(byte[] first, byte[] second) {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThat(decode(codec, first)).containsExactly(ascii("Hello"));
			assertThat(decode(codec, second)).containsExactly(ascii("Hello"));
		}

		@Test
		@DisplayName("RFC 7692 §6.1 uncompressed messages leave the window alone")
		void smallMessageDoesNotTouchWindow() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 5);
			assertThat(encode(codec, ascii("Hello"))).containsExactly(HELLO);
			EncodedPayload small = codec.encode(OpCode.TEXT, ByteBuffer.wrap(ascii("Hi")));
			assertThat(small.rsv()).isZero();
			assertThat(encode(codec, ascii("Hello"))).containsExactly(HELLO_AGAIN);
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2.3.3-§7.2.3.5 other DEFLATE encodings")
	class OtherEncodings {

		@Test
		void rfc7692Section7_2_3_3BlockWithNoCompression() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			byte[] stored = bytes(0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00);
			assertThat(decode(codec, stored)).containsExactly(ascii("Hello"));
		}

		@Test
		void rfc7692Section7_2_3_4BlockWithBfinalSet() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			byte[] bfinal = bytes(0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00);
			assertThat(decode(codec, bfinal)).containsExactly(ascii("Hello"));
			// the next message starts a new DEFLATE stream
			assertThat(decode(codec, HELLO)).containsExactly(ascii("Hello"));
		}

		@Test
		void rfc7692Section7_2_3_4BfinalBlockWithoutTrailingBlock() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			byte[] bfinalOnly = bytes(0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00);
			assertThat(decode(codec, bfinalOnly)).containsExactly(ascii("Hello"));
			assertThat(decode(codec, HELLO)).containsExactly(ascii("Hello"));
		}

		@Test
		void rfc7692Section7_2_3_5TwoBlocksInOneMessage() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			byte[] twoBlocks = bytes(0xf2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xff, 0xff, 0xca, 0xc9, 0xc9, 0x07, 0x00);
			assertThat(decode(codec, twoBlocks)).containsExactly(ascii("Hello"));
		}

		@Test
		void rfc7692Section7_2_3_5TwoBlocksSplitAcrossFrames() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			byte[] first = bytes(0xf2, 0x48, 0x05, 0x00, 0x00, 0x00, 0xff, 0xff);
			byte[] second = bytes(0xca, 0xc9, 0xc9, 0x07, 0x00);
			assertThat(decode(codec, first, second)).containsExactly(ascii("Hello"));
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2.3.6 empty messages")
	class EmptyMessages {

		@Test
		void rfc7692Section7_2_3_6SingleZeroByteIsEmptyMessage() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThat(decode(codec, bytes(0x00))).isEmpty();
			assertThat(decode(codec, HELLO)).containsExactly(ascii("Hello"));
		}

		@Test
		void rfc7692Section7_2_3_6EncodesEmptyMessageAsSingleZeroByte() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThat(encode(codec, new byte[0])).containsExactly(0x00);
			// zlib writes nothing for a second flush in a row without input
			assertThat(encode(codec, new byte[0])).containsExactly(0x00);
			assertThat(encode(codec, ascii("Hello"))).containsExactly(HELLO);
		}

		@Test
		void emptyCompressedPayloadIsEmptyMessageAndKeepsWindow() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThat(decode(codec, HELLO)).containsExactly(ascii("Hello"));
			assertThat(decode(codec, new byte[0])).isEmpty();
			assertThat(decode(codec, new byte[0], new byte[0])).isEmpty();
			assertThat(decode(codec, HELLO_AGAIN)).containsExactly(ascii("Hello"));
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2 round trips (Autobahn 12.x, 13.x)")
	class RoundTrips {

		static Stream<Arguments> messages() {
			List<Arguments> messages = new ArrayList<>();
			for (int size : new int[] { 0, 1, 255, 256, 64 * 1024, 1024 * 1024 }) {
				messages.add(Arguments.of(size, "random bytes", randomBytes(size)));
				messages.add(Arguments.of(size, "repetitive text", repetitiveText(size)));
			}
			return messages.stream();
		}

		static byte[] randomBytes(int size) {
			byte[] bytes = new byte[size];
			new Random(size).nextBytes(bytes);
			return bytes;
		}

		static byte[] repetitiveText(int size) {
			StringBuilder text = new StringBuilder(size + 64);
			Random random = new Random(size);
			while (text.length() < size) {
				text.append("{\"user\":\"user-").append(random.nextInt(50)).append("\",\"op\":\"tick\"}\n");
			}
			return Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), size);
		}

		@ParameterizedTest(name = "{0} bytes of {1} at the default threshold")
		@MethodSource("messages")
		void defaultThresholdSendsSmallMessagesUncompressed(int size, String kind, byte[] message) {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false,
					PerMessageDeflate.DEFAULT_COMPRESSION_THRESHOLD_BYTES);
			ByteBuffer payload = ByteBuffer.wrap(message);
			EncodedPayload encoded = codec.encode(OpCode.BINARY, payload);
			assertThat(payload.remaining()).as("caller's buffer untouched").isEqualTo(size);
			if (size < 256) {
				assertThat(encoded.rsv()).isZero();
				assertThat(payload(encoded)).containsExactly(message);
			}
			else {
				assertThat(encoded.rsv()).isEqualTo(Frame.RSV1);
				PerMessageDeflateCodec receiver = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
				assertThat(decode(receiver, payload(encoded))).isEqualTo(message);
			}
		}

		@ParameterizedTest(name = "{0} bytes of {1} in 1000-byte frames")
		@MethodSource("messages")
		void roundTripInFrames(int size, String kind, byte[] message) {
			PerMessageDeflateCodec sender = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			PerMessageDeflateCodec receiver = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			for (int repeat = 0; repeat < 2; repeat++) {
				byte[] compressed = encode(sender, message);
				LimitedSink sink = LimitedSink.unlimited();
				for (int offset = 0; offset < compressed.length; offset += 1000) {
					int end = Math.min(compressed.length, offset + 1000);
					receiver.decode(ByteBuffer.wrap(compressed, offset, end - offset), end == compressed.length, sink);
				}
				if (compressed.length == 0) {
					receiver.decode(ByteBuffer.allocate(0), true, sink);
				}
				assertThat(sink.bytes()).as("message %d", repeat).isEqualTo(message);
				assertThat(sink.largestWriteBytes()).isLessThanOrEqualTo(PerMessageDeflateCodec.INFLATE_CHUNK_BYTES);
			}
		}

		@Test
		void smallMessageSplitAtEveryPairOfPositions() {
			byte[] message = ascii("Hello, permessage-deflate! Hello, permessage-deflate! Hello!");
			byte[] compressed = encode(PerMessageDeflateCodecTests.this.streams.codec(false, 0), message);
			for (int first = 0; first <= compressed.length; first++) {
				for (int second = first; second <= compressed.length; second++) {
					PerMessageDeflateCodec receiver = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
					byte[] decoded = decode(receiver, Arrays.copyOfRange(compressed, 0, first),
							Arrays.copyOfRange(compressed, first, second),
							Arrays.copyOfRange(compressed, second, compressed.length));
					assertThat(decoded).as("split at %d and %d", first, second).isEqualTo(message);
				}
			}
		}

		@ParameterizedTest(name = "server_no_context_takeover={0}")
		@ValueSource(booleans = { false, true })
		void conversationWithAndWithoutContextTakeover(boolean serverNoContextTakeover) {
			TrackedStreams pooled = new TrackedStreams(2);
			PerMessageDeflateCodec sender = pooled.codec(serverNoContextTakeover, 16);
			PerMessageDeflateCodec receiver = pooled.codec(false, 16);
			Random random = new Random(42);
			for (int i = 0; i < 40; i++) {
				byte[] message = (i % 3 == 0) ? randomBytes(random.nextInt(3000))
						: repetitiveText(random.nextInt(5000));
				EncodedPayload encoded = sender.encode(OpCode.BINARY, ByteBuffer.wrap(message));
				if (encoded.rsv() == 0) {
					assertThat(payload(encoded)).isEqualTo(message);
				}
				else {
					assertThat(decode(receiver, payload(encoded))).as("message %d", i).isEqualTo(message);
				}
			}
		}

		@Test
		void encodesDirectBuffer() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			ByteBuffer direct = ByteBuffer.allocateDirect(5).put(ascii("Hello")).flip();
			assertThat(payload(codec.encode(OpCode.TEXT, direct))).containsExactly(HELLO);
			assertThat(direct.remaining()).isEqualTo(5);
		}

		@Test
		void encodeRejectsControlMessages() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> codec.encode(OpCode.PING, ByteBuffer.wrap(ascii("Hello"))))
				.withMessageContaining("PING");
		}

	}

	@Nested
	@DisplayName("RFC 7692 §7.2.2 corrupt compressed data")
	class CorruptData {

		@Test
		@DisplayName("RFC 1951 §3.2.3 reserved block type 11")
		void reservedBlockTypeClosesWith1007() {
			assertCorrupt(bytes(0x06));
		}

		@Test
		@DisplayName("RFC 1951 §3.2.4 stored block with NLEN not the complement of LEN")
		void storedBlockLengthMismatchClosesWith1007() {
			assertCorrupt(bytes(0x00, 0x05, 0x00, 0x00, 0x00, 0x48));
		}

		@Test
		@DisplayName("RFC 1951 §3.2.5 distance too far back into an empty window")
		void backReferenceIntoEmptyWindowClosesWith1007() {
			assertCorrupt(HELLO_AGAIN);
		}

		@Test
		@DisplayName("RFC 7692 §7.2.2 truncated data is caught when the tail is appended")
		void truncatedStoredBlockClosesWith1007OnLastChunk() {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			LimitedSink sink = LimitedSink.unlimited();
			codec.decode(ByteBuffer.wrap(bytes(0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65)), false, sink);
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> codec.decode(ByteBuffer.allocate(0), true, sink))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1007));
		}

		private void assertCorrupt(byte[] payload) {
			PerMessageDeflateCodec codec = PerMessageDeflateCodecTests.this.streams.codec(false, 0);
			assertThatExceptionOfType(WsProtocolException.class).isThrownBy(() -> decode(codec, payload))
				.withMessageStartingWith("received invalid permessage-deflate data")
				.satisfies((ex) -> assertThat(ex.closeStatus()).extracting(CloseStatus::code).isEqualTo(1007));
		}

	}

}
