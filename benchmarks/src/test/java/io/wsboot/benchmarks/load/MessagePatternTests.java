package io.wsboot.benchmarks.load;

import java.nio.ByteBuffer;

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
		ByteBuffer frame = ByteBuffer.allocate(pattern.frameBytes());
		pattern.copyFrame(0x2a, 0, pattern.frameBytes(), frame);
		byte[] bytes = frame.array();
		// RFC 6455 §5.2: FIN + text, MASK + 7-bit length, then the 4-byte key
		assertThat(bytes[0]).isEqualTo((byte) 0x81);
		assertThat(bytes[1]).isEqualTo((byte) (0x80 | 20));
		byte[] payload = new byte[20];
		for (int i = 0; i < 20; i++) {
			payload[i] = (byte) (bytes[6 + i] ^ bytes[2 + (i & 3)]);
		}
		assertThat(new String(payload, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("000000000000002aqrst");
		assertThat(pattern.matches(0x2a, 0, payload, 0, 20)).isTrue();
		assertThat(pattern.matches(0x2b, 0, payload, 0, 20)).isFalse();
	}

	@Test
	void frameCopiedInPiecesEqualsFrameCopiedWhole() {
		MessagePattern pattern = new MessagePattern(70_000, false, 3);
		ByteBuffer whole = ByteBuffer.allocate(pattern.frameBytes());
		pattern.copyFrame(12345, 0, pattern.frameBytes(), whole);
		ByteBuffer pieces = ByteBuffer.allocate(pattern.frameBytes());
		for (int from = 0; from < pattern.frameBytes(); from += 7) {
			pattern.copyFrame(12345, from, Math.min(7, pattern.frameBytes() - from), pieces);
		}
		assertThat(pieces.array()).isEqualTo(whole.array());
		// RFC 6455 §5.2: 127 marks a 64-bit length
		assertThat(whole.get(1)).isEqualTo((byte) (0x80 | 127));
	}

	@Test
	void payloadVerifiedInPiecesDetectsOneChangedByte() {
		MessagePattern pattern = new MessagePattern(64, false, 5);
		ByteBuffer frame = ByteBuffer.allocate(pattern.frameBytes());
		pattern.copyFrame(9, 0, pattern.frameBytes(), frame);
		byte[] bytes = frame.array();
		byte[] payload = new byte[64];
		for (int i = 0; i < 64; i++) {
			payload[i] = (byte) (bytes[6 + i] ^ bytes[2 + (i & 3)]);
		}
		assertThat(pattern.matches(9, 0, payload, 0, 10)).isTrue();
		assertThat(pattern.matches(9, 10, payload, 10, 54)).isTrue();
		payload[40] ^= 1;
		assertThat(pattern.matches(9, 10, payload, 10, 54)).isFalse();
		assertThat(pattern.matches(9, 60, payload, 60, 5)).as("past the end").isFalse();
	}

}
