package io.wsboot.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessagePattern}.
 *
 * @author wsboot
 */
class MessagePatternTests {

	@Test
	void textFrameIsMaskedWithSequenceDigits() {
		MessagePattern pattern = new MessagePattern(20, true, 7);
		byte[] bytes = wholeFrame(pattern, 0x2a);
		// RFC 6455 §5.2: FIN + text, MASK + 7-bit length, then the 4-byte key
		assertThat(bytes[0]).isEqualTo((byte) 0x81);
		assertThat(bytes[1]).isEqualTo((byte) (0x80 | 20));
		byte[] payload = unmaskedPayload(bytes, 20);
		assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("000000000000002aqrst");
		assertThat(pattern.matches(0x2a, 0, payload, 0, 20)).isTrue();
		assertThat(pattern.matches(0x2b, 0, payload, 0, 20)).isFalse();
	}

	@Test
	void frameCopiedInPiecesEqualsFrameCopiedWhole() {
		MessagePattern pattern = new MessagePattern(70_000, false, 3);
		byte[] whole = wholeFrame(pattern, 12345);
		ByteBuffer pieces = ByteBuffer.allocate(pattern.frameBytes());
		for (int from = 0; from < pattern.frameBytes(); from += 7) {
			pattern.copyFrame(12345, from, Math.min(7, pattern.frameBytes() - from), pieces);
		}
		assertThat(pieces.array()).isEqualTo(whole);
		// RFC 6455 §5.2: 127 marks a 64-bit length
		assertThat(whole[1]).isEqualTo((byte) (0x80 | 127));
	}

	@Test
	void payloadVerifiedInPiecesDetectsOneChangedByte() {
		MessagePattern pattern = new MessagePattern(64, false, 5);
		byte[] payload = unmaskedPayload(wholeFrame(pattern, 9), 64);
		assertThat(pattern.matches(9, 0, payload, 0, 10)).isTrue();
		assertThat(pattern.matches(9, 10, payload, 10, 54)).isTrue();
		payload[40] ^= 1;
		assertThat(pattern.matches(9, 10, payload, 10, 54)).isFalse();
		assertThat(pattern.matches(9, 60, payload, 60, 5)).as("past the end").isFalse();
	}

	private static byte[] wholeFrame(MessagePattern pattern, long sequence) {
		ByteBuffer frame = ByteBuffer.allocate(pattern.frameBytes());
		pattern.copyFrame(sequence, 0, pattern.frameBytes(), frame);
		return frame.array();
	}

	/**
	 * Unmask the payload of a frame with a 7-bit length (RFC 6455 §5.3): 2 header bytes,
	 * the 4-byte key, then the payload.
	 */
	private static byte[] unmaskedPayload(byte[] frame, int length) {
		byte[] payload = new byte[length];
		for (int i = 0; i < length; i++) {
			payload[i] = (byte) (frame[6 + i] ^ frame[2 + (i & 3)]);
		}
		return payload;
	}

}
