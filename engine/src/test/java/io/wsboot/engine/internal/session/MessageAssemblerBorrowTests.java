package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.session.MessageAssemblerTests.RecordingListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageAssembler#setBorrowBinary}: a binary message that arrives whole
 * is delivered as a view of the chunk, unmasked in place.
 */
class MessageAssemblerBorrowTests {

	private static final int MAX_MESSAGE_BYTES = 1024;

	/** The masking key of the RFC 6455 §5.7 "Hello" example. */
	private static final int MASK_KEY = 0x37fa213d;

	/** "Hello" masked with {@link #MASK_KEY} (RFC 6455 §5.7). */
	private static final byte[] MASKED_HELLO = HexFormat.of().parseHex("7f9f4d5158");

	private static final byte[] HELLO = { 'H', 'e', 'l', 'l', 'o' };

	private final RecordingListener listener = new RecordingListener();

	private final MessageAssembler assembler = new MessageAssembler(MAX_MESSAGE_BYTES, this.listener);

	/**
	 * A direct buffer holding {@code 0xAA 0xBB}, the masked payload, then {@code 0xCC},
	 * positioned on the payload, as the transport's read buffer is.
	 */
	private static ByteBuffer readBufferWithMaskedHello() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(8);
		buffer.put((byte) 0xAA).put((byte) 0xBB).put(MASKED_HELLO).put((byte) 0xCC);
		return buffer.position(2).limit(7);
	}

	private static byte[] bytes(ByteBuffer buffer, int from, int to) {
		byte[] bytes = new byte[to - from];
		buffer.duplicate().clear().get(from, bytes);
		return bytes;
	}

	private ByteBuffer delivered() {
		return this.listener.buffers.get(0);
	}

	@Nested
	@DisplayName("RFC 6455 §5.3 borrowed binary messages, unmasked in place")
	class Borrowed {

		@Test
		void wholeMessageIsAViewOfTheChunkUnmaskedInPlace() {
			ByteBuffer chunk = receiveMaskedHelloInOneChunk(OpCode.BINARY);
			ByteBuffer delivered = delivered();
			assertThat(bytes(delivered, 0, delivered.limit())).containsExactly(HELLO);
			assertThat(delivered.position()).isZero();
			assertThat(delivered.capacity()).isEqualTo(HELLO.length);
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isTrue();
			// unmasked in the chunk itself, the bytes around it untouched
			assertThat(bytes(chunk, 0, 8)).containsExactly(0xAA - 256, 0xBB - 256, 'H', 'e', 'l', 'l', 'o', 0xCC - 256);
			// a view: what overwrites the chunk shows in the delivered buffer
			chunk.put(2, (byte) 'J');
			assertThat(delivered.get(0)).isEqualTo((byte) 'J');
		}

		/**
		 * Borrow binary messages and receive "Hello", masked, as one frame in one chunk
		 * of a read buffer.
		 * @return the chunk
		 */
		private ByteBuffer receiveMaskedHelloInOneChunk(OpCode opCode) {
			MessageAssemblerBorrowTests.this.assembler.setBorrowBinary(true);
			ByteBuffer chunk = readBufferWithMaskedHello();
			MessageAssemblerBorrowTests.this.assembler.frameStart(true, 0, opCode, HELLO.length);
			MessageAssemblerBorrowTests.this.assembler.maskedPayload(chunk, MASK_KEY, 0);
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			return chunk;
		}

		@Test
		void messageInTwoChunksIsOwned() {
			MessageAssemblerBorrowTests.this.assembler.setBorrowBinary(true);
			ByteBuffer chunk = readBufferWithMaskedHello();
			MessageAssemblerBorrowTests.this.assembler.frameStart(true, 0, OpCode.BINARY, HELLO.length);
			MessageAssemblerBorrowTests.this.assembler.maskedPayload(chunk.duplicate().limit(4), MASK_KEY, 0);
			MessageAssemblerBorrowTests.this.assembler.maskedPayload(chunk.duplicate().position(4), MASK_KEY, 2);
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			assertThat(bytes(delivered(), 0, delivered().limit())).containsExactly(HELLO);
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isFalse();
			// copied while unmasked: the chunk still holds the masked bytes
			assertThat(bytes(chunk, 2, 7)).containsExactly(MASKED_HELLO);
		}

		@Test
		void fragmentedMessageIsOwned() {
			MessageAssemblerBorrowTests.this.assembler.setBorrowBinary(true);
			MessageAssemblerBorrowTests.this.assembler.frameStart(false, 0, OpCode.BINARY, 2);
			MessageAssemblerBorrowTests.this.assembler.payload(ByteBuffer.wrap(HELLO, 0, 2));
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			MessageAssemblerBorrowTests.this.assembler.frameStart(true, 0, OpCode.CONTINUATION, 3);
			MessageAssemblerBorrowTests.this.assembler.payload(ByteBuffer.wrap(HELLO, 2, 3));
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			assertThat(bytes(delivered(), 0, delivered().limit())).containsExactly(HELLO);
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isFalse();
		}

		@Test
		void textIsNeverBorrowed() {
			receiveMaskedHelloInOneChunk(OpCode.TEXT);
			assertThat(MessageAssemblerBorrowTests.this.listener.messages).containsExactly("Hello");
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isFalse();
		}

		@Test
		void borrowedFlagIsClearedByTheNextOwnedMessage() {
			MessageAssemblerBorrowTests.this.assembler.setBorrowBinary(true);
			MessageAssemblerBorrowTests.this.assembler.frameStart(true, 0, OpCode.BINARY, HELLO.length);
			MessageAssemblerBorrowTests.this.assembler.maskedPayload(readBufferWithMaskedHello(), MASK_KEY, 0);
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isTrue();
			MessageAssemblerBorrowTests.this.assembler.frameStart(false, 0, OpCode.BINARY, 2);
			MessageAssemblerBorrowTests.this.assembler.payload(ByteBuffer.wrap(HELLO, 0, 2));
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			MessageAssemblerBorrowTests.this.assembler.frameStart(true, 0, OpCode.CONTINUATION, 0);
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isFalse();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.3 owned binary messages (the default)")
	class Owned {

		@Test
		void wholeMessageIsACopyUnmaskedWhileCopied() {
			ByteBuffer chunk = readBufferWithMaskedHello();
			MessageAssemblerBorrowTests.this.assembler.frameStart(true, 0, OpCode.BINARY, HELLO.length);
			MessageAssemblerBorrowTests.this.assembler.maskedPayload(chunk, MASK_KEY, 0);
			MessageAssemblerBorrowTests.this.assembler.frameEnd();
			chunk.put(2, (byte) 'J');
			assertThat(bytes(delivered(), 0, delivered().limit())).containsExactly(HELLO);
			assertThat(MessageAssemblerBorrowTests.this.assembler.lastBinaryBorrowed()).isFalse();
			assertThat(bytes(chunk, 3, 7)).containsExactly(0x9f - 256, 0x4d, 0x51, 0x58);
		}

	}

}
