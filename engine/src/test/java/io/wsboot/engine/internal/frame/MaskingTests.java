package io.wsboot.engine.internal.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;

import io.wsboot.engine.testclient.ClientFrames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.wsboot.engine.testclient.ClientFrames.bytes;
import static io.wsboot.engine.testclient.ClientFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Masking}, against a byte-by-byte reference (RFC 6455 §5.3).
 */
class MaskingTests {

	private static final int KEY = 0x37FA213D;

	private static byte[] naive(byte[] payload, int key, long frameOffset) {
		byte[] keyBytes = bytes(key >>> 24, key >>> 16, key >>> 8, key);
		byte[] masked = payload.clone();
		for (int i = 0; i < masked.length; i++) {
			masked[i] ^= keyBytes[(int) ((frameOffset + i) % 4)];
		}
		return masked;
	}

	private static ByteBuffer buffer(Kind kind, byte[] content) {
		ByteBuffer buffer = switch (kind) {
			case HEAP -> ByteBuffer.allocate(content.length);
			case DIRECT -> ByteBuffer.allocateDirect(content.length);
			case HEAP_LITTLE_ENDIAN -> ByteBuffer.allocate(content.length).order(ByteOrder.LITTLE_ENDIAN);
			case DIRECT_LITTLE_ENDIAN -> ByteBuffer.allocateDirect(content.length).order(ByteOrder.LITTLE_ENDIAN);
		};
		return buffer.put(content).flip();
	}

	/**
	 * Run a check for every payload length 0-64 at every frame offset 0-7, the offset
	 * being where the payload starts relative to the masking key.
	 */
	private static void forEveryLengthAndOffset(Kind kind, MaskingCase check) {
		for (int length = 0; length <= 64; length++) {
			for (int frameOffset = 0; frameOffset < 8; frameOffset++) {
				byte[] payload = pattern(length);
				check.run(payload, buffer(kind, payload), frameOffset);
			}
		}
	}

	@FunctionalInterface
	interface MaskingCase {

		void run(byte[] payload, ByteBuffer buffer, int frameOffset);

	}

	private static byte[] content(ByteBuffer buffer) {
		byte[] content = new byte[buffer.limit()];
		buffer.get(0, content);
		return content;
	}

	static Stream<Arguments> kinds() {
		return Stream.of(Kind.values()).map(Arguments::of);
	}

	@Nested
	@DisplayName("RFC 6455 §5.3 client-to-server masking")
	class ClientToServerMasking {

		@Test
		void rfc6455Section5_7HelloIsMaskedWithTheExampleKey() {
			ByteBuffer buffer = ByteBuffer.wrap(ClientFrames.utf8("Hello"));
			Masking.mask(buffer, 0, 5, KEY, 0);
			assertThat(buffer.array()).containsExactly(bytes(0x7f, 0x9f, 0x4d, 0x51, 0x58));
		}

		@ParameterizedTest(name = "{0} buffer, lengths 0-64, frame offsets 0-7")
		@MethodSource("io.wsboot.engine.internal.frame.MaskingTests#kinds")
		void matchesTheByteLoopForEveryLengthAndOffset(Kind kind) {
			forEveryLengthAndOffset(kind, (payload, buffer, frameOffset) -> {
				Masking.mask(buffer, 0, payload.length, KEY, frameOffset);
				assertThat(content(buffer)).as("length %d, offset %d", payload.length, frameOffset)
					.isEqualTo(naive(payload, KEY, frameOffset));
			});
		}

		@ParameterizedTest(name = "{0} buffer, unaligned ranges inside a larger buffer")
		@MethodSource("io.wsboot.engine.internal.frame.MaskingTests#kinds")
		void masksOnlyTheRangeAtAnyStartIndex(Kind kind) {
			byte[] content = pattern(80);
			for (int from = 0; from < 9; from++) {
				for (int to = from; to <= 80; to += 5) {
					ByteBuffer buffer = buffer(kind, content);
					Masking.mask(buffer, from, to, 0xCAFEBABE, 3);
					byte[] expected = content.clone();
					byte[] range = naive(Arrays.copyOfRange(content, from, to), 0xCAFEBABE, 3);
					System.arraycopy(range, 0, expected, from, range.length);
					assertThat(content(buffer)).as("[%d, %d)", from, to).isEqualTo(expected);
					assertThat(buffer.position()).isZero();
					assertThat(buffer.limit()).isEqualTo(80);
				}
			}
		}

		@Test
		void chunksContinueTheMaskAtTheirFrameOffset() {
			byte[] payload = pattern(1000);
			ByteBuffer buffer = ByteBuffer.wrap(payload.clone());
			int from = 0;
			int chunk = 1;
			while (from < 1000) {
				int to = Math.min(1000, from + chunk);
				Masking.mask(buffer, from, to, KEY, from);
				from = to;
				chunk = chunk % 13 + 1;
			}
			assertThat(buffer.array()).isEqualTo(naive(payload, KEY, 0));
		}

		@Test
		void maskingTwiceRestoresThePayload() {
			byte[] payload = pattern(333);
			ByteBuffer buffer = ByteBuffer.wrap(payload.clone());
			Masking.mask(buffer, 0, 333, KEY, 5);
			Masking.mask(buffer, 0, 333, KEY, 5);
			assertThat(buffer.array()).isEqualTo(payload);
		}

		@Test
		void largeFrameOffsetsWrapModuloFour() {
			byte[] payload = pattern(20);
			ByteBuffer buffer = ByteBuffer.wrap(payload.clone());
			long frameOffset = (1L << 40) + 3;
			Masking.mask(buffer, 0, 20, KEY, frameOffset);
			assertThat(buffer.array()).isEqualTo(naive(payload, KEY, 3));
		}

		@Test
		void zeroKeyChangesNothing() {
			byte[] payload = pattern(50);
			ByteBuffer buffer = ByteBuffer.wrap(payload.clone());
			Masking.mask(buffer, 0, 50, 0, 1);
			assertThat(buffer.array()).isEqualTo(payload);
		}

		@Test
		void rangeOutsideTheLimitIsRejected() {
			ByteBuffer buffer = ByteBuffer.allocate(10).limit(5);
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> Masking.mask(buffer, 0, 6, KEY, 0));
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> Masking.mask(buffer, 3, 2, KEY, 0));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.3 unmasking while copying")
	class UnmaskingWhileCopying {

		@ParameterizedTest(name = "{0} buffer, lengths 0-64, frame offsets 0-7")
		@MethodSource("io.wsboot.engine.internal.frame.MaskingTests#kinds")
		void matchesTheByteLoopForEveryLengthAndOffset(Kind kind) {
			forEveryLengthAndOffset(kind, (payload, buffer, frameOffset) -> {
				byte[] copy = new byte[payload.length];
				Masking.maskInto(buffer, 0, payload.length, copy, 0, KEY, frameOffset);
				assertThat(copy).as("length %d, offset %d", payload.length, frameOffset)
					.isEqualTo(naive(payload, KEY, frameOffset));
				assertThat(content(buffer)).isEqualTo(payload);
			});
		}

		@ParameterizedTest(name = "{0} buffer, unaligned ranges into unaligned array offsets")
		@MethodSource("io.wsboot.engine.internal.frame.MaskingTests#kinds")
		void copiesOnlyTheRangeToTheGivenArrayOffset(Kind kind) {
			byte[] content = pattern(80);
			for (int dstOffset = 0; dstOffset < 9; dstOffset += 4) {
				for (int from = 0; from < 9; from++) {
					for (int to = from; to <= 80; to += 5) {
						ByteBuffer buffer = buffer(kind, content);
						byte[] copy = new byte[dstOffset + (to - from) + 3];
						Arrays.fill(copy, (byte) 0x5A);
						Masking.maskInto(buffer, from, to, copy, dstOffset, 0xCAFEBABE, 3);
						byte[] expected = new byte[copy.length];
						Arrays.fill(expected, (byte) 0x5A);
						byte[] range = naive(Arrays.copyOfRange(content, from, to), 0xCAFEBABE, 3);
						System.arraycopy(range, 0, expected, dstOffset, range.length);
						assertThat(copy).as("[%d, %d) at %d", from, to, dstOffset).isEqualTo(expected);
						assertThat(content(buffer)).isEqualTo(content);
						assertThat(buffer.position()).isZero();
						assertThat(buffer.limit()).isEqualTo(80);
					}
				}
			}
		}

		@ParameterizedTest(name = "{0} buffer, chunks of 1 to 13 bytes")
		@MethodSource("io.wsboot.engine.internal.frame.MaskingTests#kinds")
		void chunksContinueTheMaskAtTheirFrameOffset(Kind kind) {
			byte[] payload = pattern(1000);
			ByteBuffer buffer = buffer(kind, payload);
			byte[] copy = new byte[1000];
			int from = 0;
			int chunk = 1;
			while (from < 1000) {
				int to = Math.min(1000, from + chunk);
				Masking.maskInto(buffer, from, to, copy, from, KEY, from);
				from = to;
				chunk = chunk % 13 + 1;
			}
			assertThat(copy).isEqualTo(naive(payload, KEY, 0));
		}

		@Test
		void readOnlySourceIsAccepted() {
			byte[] payload = pattern(21);
			byte[] copy = new byte[21];
			Masking.maskInto(ByteBuffer.wrap(payload).asReadOnlyBuffer(), 0, 21, copy, 0, KEY, 6);
			assertThat(copy).isEqualTo(naive(payload, KEY, 6));
		}

		@Test
		void rfc6455Section5_7HelloIsUnmaskedIntoTheArray() {
			ByteBuffer masked = ByteBuffer.wrap(bytes(0x7f, 0x9f, 0x4d, 0x51, 0x58));
			byte[] copy = new byte[5];
			Masking.maskInto(masked, 0, 5, copy, 0, KEY, 0);
			assertThat(copy).isEqualTo(ClientFrames.utf8("Hello"));
		}

		@Test
		void rangesOutsideTheBufferOrTheArrayAreRejected() {
			ByteBuffer buffer = ByteBuffer.allocate(10).limit(5);
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> Masking.maskInto(buffer, 0, 6, new byte[10], 0, KEY, 0));
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> Masking.maskInto(buffer, 0, 5, new byte[4], 0, KEY, 0));
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> Masking.maskInto(buffer, 0, 5, new byte[10], 6, KEY, 0));
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
				.isThrownBy(() -> Masking.maskInto(buffer, 0, 5, new byte[10], -1, KEY, 0));
		}

	}

	enum Kind {

		HEAP, DIRECT, HEAP_LITTLE_ENDIAN, DIRECT_LITTLE_ENDIAN

	}

}
