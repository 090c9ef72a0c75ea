package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageBuffer}.
 */
class MessageBufferTests {

	private static ByteBuffer bytes(int... values) {
		ByteBuffer buffer = ByteBuffer.allocate(values.length);
		for (int value : values) {
			buffer.put((byte) value);
		}
		return buffer.flip();
	}

	@Nested
	@DisplayName("growth")
	class Growth {

		@Test
		void firstAppendAllocatesTheExpectedLength() {
			MessageBuffer buffer = new MessageBuffer(1000);
			buffer.append(bytes(1, 2), 300);
			assertThat(buffer.capacity()).isEqualTo(300);
		}

		@Test
		void growsGeometricallyButNeverPastTheLimit() {
			MessageBuffer buffer = new MessageBuffer(100);
			buffer.append(bytes(1), 1);
			for (int i = 1; i < 100; i++) {
				buffer.append(bytes(i), i + 1);
				assertThat(buffer.capacity()).isLessThanOrEqualTo(100);
			}
			assertThat(buffer.capacity()).isEqualTo(100);
			assertThat(buffer.takeBinary().remaining()).isEqualTo(100);
		}

		@Test
		void appendDoesNotMoveThePosition() {
			MessageBuffer buffer = new MessageBuffer(10);
			ByteBuffer bytes = bytes(1, 2, 3);
			buffer.append(bytes, 3);
			assertThat(bytes.position()).isZero();
		}

	}

	@Nested
	@DisplayName("hand-over")
	class HandOver {

		@Test
		void exactlyFilledArrayIsHandedOver() {
			MessageBuffer buffer = new MessageBuffer(10);
			buffer.append(bytes(1, 2, 3), 3);
			ByteBuffer binary = buffer.takeBinary();
			assertThat(binary).isEqualTo(bytes(1, 2, 3));
			assertThat(binary.capacity()).isEqualTo(3);
			assertThat(buffer.capacity()).isZero();
		}

		@Test
		void partlyFilledArrayIsCopied() {
			MessageBuffer buffer = new MessageBuffer(10);
			buffer.append(bytes(1, 2), 5);
			ByteBuffer binary = buffer.takeBinary();
			assertThat(binary).isEqualTo(bytes(1, 2));
			assertThat(binary.capacity()).isEqualTo(2);
			assertThat(buffer.capacity()).isEqualTo(5);
		}

		@Test
		void emptyBufferGivesEmptyMessages() {
			MessageBuffer buffer = new MessageBuffer(10);
			assertThat(buffer.toText()).isEmpty();
			assertThat(buffer.takeBinary().remaining()).isZero();
		}

		@Test
		void clearLetsTheArrayGoSoThatIdleConnectionsHoldNone() {
			MessageBuffer buffer = new MessageBuffer(1024 * 1024);
			buffer.append(bytes('a'), 100);
			buffer.clear();
			assertThat(buffer.capacity()).isZero();
			assertThat(buffer.toText()).isEmpty();
		}

	}

}
