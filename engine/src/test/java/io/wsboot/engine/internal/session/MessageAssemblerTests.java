package io.wsboot.engine.internal.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.EncodedPayload;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.PayloadSink;
import io.wsboot.engine.internal.frame.Frame;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MessageAssembler}.
 */
class MessageAssemblerTests {

	private static final int MAX_MESSAGE_BYTES = 1024;

	/** κόσμε as in the Autobahn|Testsuite, with U+1F79 (3 bytes): 11 bytes. */
	private static final byte[] KOSME = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5");

	private static final String KOSME_TEXT = new String(KOSME, StandardCharsets.UTF_8);

	private final RecordingListener listener = new RecordingListener();

	private final MessageAssembler assembler = new MessageAssembler(MAX_MESSAGE_BYTES, this.listener);

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	private static byte[] concat(byte[]... arrays) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] array : arrays) {
			out.writeBytes(array);
		}
		return out.toByteArray();
	}

	/**
	 * Feed one frame: its payload in chunks of the given lengths, the rest in one last
	 * chunk.
	 */
	private void frame(MessageAssembler assembler, boolean fin, int rsv, OpCode opCode, byte[] payload,
			int... chunkLengths) {
		assembler.frameStart(fin, rsv, opCode, payload.length);
		int offset = 0;
		for (int chunkLength : chunkLengths) {
			assembler.payload(ByteBuffer.wrap(payload, offset, chunkLength));
			offset += chunkLength;
		}
		if (offset < payload.length) {
			assembler.payload(ByteBuffer.wrap(payload, offset, payload.length - offset));
		}
		assembler.frameEnd();
	}

	private void frame(boolean fin, OpCode opCode, byte[] payload, int... chunkLengths) {
		frame(this.assembler, fin, 0, opCode, payload, chunkLengths);
	}

	private void frame(boolean fin, OpCode opCode, String text) {
		frame(fin, opCode, utf8(text));
	}

	private static void assertClosesWith(ThrowingCallable callable, int code, String message) {
		assertThatExceptionOfType(WsProtocolException.class).isThrownBy(callable)
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(code));
	}

	@Nested
	@DisplayName("RFC 6455 §5.6 unfragmented messages")
	class Unfragmented {

		@Test
		void textInOneChunk() {
			frame(true, OpCode.TEXT, "Hello");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("Hello");
		}

		@Test
		void binaryInOneChunkIsCopiedToARightSizedBuffer() {
			byte[] bytes = { 9, 1, 2, 3, 9 };
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.BINARY, 3);
			MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(bytes, 1, 3));
			MessageAssemblerTests.this.assembler.frameEnd();
			bytes[2] = 0;
			ByteBuffer delivered = MessageAssemblerTests.this.listener.buffers.get(0);
			assertThat(delivered.position()).isZero();
			assertThat(delivered.capacity()).isEqualTo(3);
			assertThat(MessageAssemblerTests.this.listener.messages)
				.containsExactly(List.of((byte) 1, (byte) 2, (byte) 3));
		}

		@Test
		void textFromADirectBuffer() {
			ByteBuffer chunk = ByteBuffer.allocateDirect(KOSME.length).put(KOSME).flip();
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, KOSME.length);
			MessageAssemblerTests.this.assembler.payload(chunk);
			MessageAssemblerTests.this.assembler.frameEnd();
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly(KOSME_TEXT);
		}

		@Test
		void textInSeveralChunks() {
			frame(true, OpCode.TEXT, KOSME, 1, 2, 3);
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly(KOSME_TEXT);
		}

		@Test
		void binaryInSeveralChunksIsHandedOverExactlySized() {
			frame(true, OpCode.BINARY, new byte[] { 1, 2, 3, 4 }, 1, 1);
			assertThat(MessageAssemblerTests.this.listener.buffers.get(0).remaining()).isEqualTo(4);
			assertThat(MessageAssemblerTests.this.listener.messages)
				.containsExactly(List.of((byte) 1, (byte) 2, (byte) 3, (byte) 4));
		}

		@Test
		void emptyMessagesWithoutPayloadCalls() {
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, 0);
			MessageAssemblerTests.this.assembler.frameEnd();
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.BINARY, 0);
			MessageAssemblerTests.this.assembler.frameEnd();
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("", List.of());
		}

		@Test
		void emptyMessagesWithAnEmptyPayloadCall() {
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, 0);
			MessageAssemblerTests.this.assembler.payload(ByteBuffer.allocate(0));
			MessageAssemblerTests.this.assembler.frameEnd();
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("");
		}

		@Test
		void eachMessageIsDeliveredOnceInOrder() {
			frame(true, OpCode.TEXT, "one");
			frame(true, OpCode.BINARY, new byte[] { 2 });
			frame(true, OpCode.TEXT, "three");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("one", List.of((byte) 2), "three");
		}

		@Test
		void messageIsInProgressUntilTheEndOfItsFinalFrame() {
			MessageAssembler assembler = MessageAssemblerTests.this.assembler;
			assertThat(assembler.isMessageInProgress()).isFalse();
			assembler.frameStart(true, 0, OpCode.TEXT, 2);
			assertThat(assembler.isMessageInProgress()).isTrue();
			assembler.payload(ByteBuffer.wrap(utf8("ab")));
			assertThat(MessageAssemblerTests.this.listener.messages).isEmpty();
			assembler.frameEnd();
			assertThat(assembler.isMessageInProgress()).isFalse();
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("ab");
		}

		@Test
		void controlFramesAreRejected() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.PING, 0));
		}

		@Test
		void limitMustFitAnArray() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MessageAssembler(Integer.MAX_VALUE, MessageAssemblerTests.this.listener));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new MessageAssembler(0, MessageAssemblerTests.this.listener));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.4 fragmentation (Autobahn 5.x)")
	class Fragmentation {

		@Test
		void rfc6455Section5_7FragmentedHello() {
			frame(false, OpCode.TEXT, "Hel");
			assertThat(MessageAssemblerTests.this.assembler.isMessageInProgress()).isTrue();
			frame(true, OpCode.CONTINUATION, "lo");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("Hello");
			assertThat(MessageAssemblerTests.this.assembler.isMessageInProgress()).isFalse();
		}

		@Test
		void binaryFragmentsWithAnEmptyOneInTheMiddle() {
			frame(false, OpCode.BINARY, new byte[] { 1, 2 });
			frame(false, OpCode.CONTINUATION, new byte[0]);
			frame(true, OpCode.CONTINUATION, new byte[] { 3 }, 0);
			assertThat(MessageAssemblerTests.this.listener.messages)
				.containsExactly(List.of((byte) 1, (byte) 2, (byte) 3));
		}

		@Test
		void thousandOneByteFragments() {
			// Autobahn 5.x sends messages in many small fragments
			StringBuilder expected = new StringBuilder();
			frame(false, OpCode.TEXT, "");
			for (int i = 0; i < 1000; i++) {
				String letter = String.valueOf((char) ('a' + i % 26));
				expected.append(letter);
				frame(i == 999, OpCode.CONTINUATION, letter);
			}
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly(expected.toString());
		}

		@Test
		void deliveredBinaryIsNotOverwrittenByTheNextMessage() {
			frame(false, OpCode.BINARY, new byte[] { 1, 2 });
			frame(true, OpCode.CONTINUATION, new byte[] { 3, 4 });
			frame(false, OpCode.BINARY, new byte[] { 5, 6 });
			frame(true, OpCode.CONTINUATION, new byte[] { 7 });
			frame(false, OpCode.BINARY, new byte[] { 8 });
			frame(true, OpCode.CONTINUATION, new byte[] { 9, 10, 11 });
			assertThat(MessageAssemblerTests.this.listener.buffers).hasSize(3);
			assertThat(MessageAssemblerTests.this.listener.buffers.get(0))
				.isEqualTo(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 }));
			assertThat(MessageAssemblerTests.this.listener.buffers.get(1))
				.isEqualTo(ByteBuffer.wrap(new byte[] { 5, 6, 7 }));
			assertThat(MessageAssemblerTests.this.listener.buffers.get(2))
				.isEqualTo(ByteBuffer.wrap(new byte[] { 8, 9, 10, 11 }));
		}

		@Test
		void continuationWithNoMessageInProgressClosesWith1002() {
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.CONTINUATION, 3),
					1002, "received continuation frame with no message in progress");
		}

		@Test
		void continuationAfterACompleteMessageClosesWith1002() {
			frame(true, OpCode.TEXT, "done");
			assertClosesWith(() -> frame(true, OpCode.CONTINUATION, "more"), 1002,
					"received continuation frame with no message in progress");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("done");
		}

		@Test
		void textFrameDuringAFragmentedMessageClosesWith1002() {
			frame(false, OpCode.TEXT, "Hel");
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, 2), 1002,
					"received TEXT frame while a fragmented message is in progress");
			assertThat(MessageAssemblerTests.this.assembler.isMessageInProgress()).isFalse();
		}

		@Test
		void binaryFrameDuringAFragmentedMessageClosesWith1002() {
			frame(false, OpCode.TEXT, "Hel");
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(false, 0, OpCode.BINARY, 2), 1002,
					"received BINARY frame while a fragmented message is in progress");
		}

		@Test
		void rsvBitsOnAContinuationFrameCloseWith1002() {
			frame(false, OpCode.BINARY, new byte[] { 1 });
			assertClosesWith(
					() -> MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1, OpCode.CONTINUATION, 1),
					1002, "received continuation frame with RSV bits 0x40");
		}

		@Test
		void rsvBitsWithoutAnExtensionCloseWith1002() {
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1, OpCode.TEXT, 1),
					1002, "received TEXT frame with RSV bits 0x40 that no extension claims");
		}

		@Test
		void nothingIsDeliveredAfterAnError() {
			frame(false, OpCode.TEXT, "Hel");
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, 2))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
			assertThat(MessageAssemblerTests.this.listener.messages).isEmpty();
		}

	}

	@Nested
	@DisplayName("message size limit (Autobahn 9.x)")
	class SizeLimit {

		@Test
		void singleFrameOverTheLimitClosesWith1009AtItsStart() {
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.BINARY, 1025), 1009,
					"received binary message of more than 1024 bytes (at least 1025)");
		}

		@Test
		void hugeDeclaredLengthClosesWith1009WithoutAllocating() {
			assertClosesWith(
					() -> MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, Long.MAX_VALUE / 2),
					1009, "received text message of more than 1024 bytes (at least 4611686018427387903)");
		}

		@Test
		void messageOfExactlyTheLimitIsDelivered() {
			frame(false, OpCode.BINARY, new byte[1000]);
			frame(true, OpCode.CONTINUATION, new byte[24]);
			assertThat(MessageAssemblerTests.this.listener.buffers.get(0).remaining()).isEqualTo(1024);
		}

		@Test
		void fragmentsOverTheLimitCloseWith1009AtTheStartOfTheFrameThatCrossesIt() {
			MessageAssembler assembler = new MessageAssembler(10, MessageAssemblerTests.this.listener);
			frame(assembler, false, 0, OpCode.TEXT, utf8("123456"));
			assertClosesWith(() -> assembler.frameStart(false, 0, OpCode.CONTINUATION, 5), 1009,
					"received text message of more than 10 bytes (at least 11)");
			assertThat(assembler.isMessageInProgress()).isFalse();
		}

		@Test
		void manyEmptyAndSmallFragmentsCountTowardTheLimit() {
			MessageAssembler assembler = new MessageAssembler(10, MessageAssemblerTests.this.listener);
			frame(assembler, false, 0, OpCode.BINARY, new byte[0]);
			for (int i = 0; i < 10; i++) {
				frame(assembler, false, 0, OpCode.CONTINUATION, new byte[] { (byte) i });
				frame(assembler, false, 0, OpCode.CONTINUATION, new byte[0]);
			}
			assertClosesWith(() -> assembler.frameStart(true, 0, OpCode.CONTINUATION, 1), 1009,
					"received binary message of more than 10 bytes (at least 11)");
		}

	}

	@Nested
	@DisplayName("RFC 6455 §8.1 UTF-8 validation (Autobahn 6.x)")
	class Utf8Validation {

		@Test
		void validTextSplitAcrossFragmentsAtEveryByte() {
			byte[] text = concat(KOSME, utf8(" and \ud83d\ude00"));
			for (int split = 0; split <= text.length; split++) {
				RecordingListener listener = new RecordingListener();
				MessageAssembler assembler = new MessageAssembler(MAX_MESSAGE_BYTES, listener);
				byte[] first = Arrays.copyOfRange(text, 0, split);
				byte[] second = Arrays.copyOfRange(text, split, text.length);
				frame(assembler, false, 0, OpCode.TEXT, first);
				frame(assembler, true, 0, OpCode.CONTINUATION, second);
				assertThat(listener.messages).as("split at %d", split)
					.containsExactly(KOSME_TEXT + " and \ud83d\ude00");
			}
		}

		@Test
		void invalidTextAcrossFragmentsFailsBeforeTheFinalFrame() {
			// Autobahn 6.4.x: κόσμε and ED, then A0 80 in a fragment that is not final
			frame(false, OpCode.TEXT, concat(KOSME, hex("ed")));
			MessageAssemblerTests.this.assembler.frameStart(false, 0, OpCode.CONTINUATION, 2);
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(hex("a0 80"))), 1007,
					"received invalid UTF-8 at byte 12 of a text message");
			assertThat(MessageAssemblerTests.this.assembler.isMessageInProgress()).isFalse();
		}

		@Test
		void invalidTextFailsMidFrameOnTheChunkThatHoldsIt() {
			// Autobahn 6.4.1: the rest of the frame has not arrived yet
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.TEXT, 100);
			MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(KOSME));
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(hex("f4 90"))), 1007,
					"received invalid UTF-8 at byte 12 of a text message");
		}

		@Test
		void invalidTextInOneChunkClosesWith1007() {
			assertClosesWith(() -> frame(true, OpCode.TEXT, concat(KOSME, hex("ed a0 80"), utf8("edited"))), 1007,
					"received invalid UTF-8 at byte 12 of a text message");
			assertThat(MessageAssemblerTests.this.listener.messages).isEmpty();
		}

		@Test
		void textEndingInsideASequenceClosesWith1007AtTheEnd() {
			frame(false, OpCode.TEXT, KOSME);
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.CONTINUATION, 2);
			MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(hex("e2 82")));
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameEnd(), 1007,
					"received text message ending inside a UTF-8 sequence");
		}

		@Test
		void unfragmentedTextEndingInsideASequenceClosesWith1007() {
			assertClosesWith(() -> frame(true, OpCode.TEXT, hex("41 f0 9f 98")), 1007,
					"received text message ending inside a UTF-8 sequence");
		}

		@Test
		void binaryIsNotValidated() {
			frame(true, OpCode.BINARY, hex("ed a0 80 ff"));
			assertThat(MessageAssemblerTests.this.listener.buffers).hasSize(1);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §9, RFC 7692 extension path")
	class ExtensionPath {

		private final ReversingCodec reversing = new ReversingCodec();

		@Test
		void singleCompressedFrameInOneChunk() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			frame(MessageAssemblerTests.this.assembler, true, Frame.RSV1, OpCode.TEXT, utf8("olleH"));
			assertThat(this.reversing.calls).containsExactly("decode 5 fin=true");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("Hello");
		}

		@Test
		void finIsPassedOnlyWithTheLastChunkOfTheFinalFrame() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			frame(MessageAssemblerTests.this.assembler, false, Frame.RSV1, OpCode.BINARY, new byte[] { 9, 8 }, 1);
			frame(MessageAssemblerTests.this.assembler, true, 0, OpCode.CONTINUATION, new byte[] { 7, 6, 5, 4, 3 }, 2,
					1);
			assertThat(this.reversing.calls).containsExactly("decode 1 fin=false", "decode 1 fin=false",
					"decode 2 fin=false", "decode 1 fin=false", "decode 2 fin=true");
			assertThat(MessageAssemblerTests.this.listener.buffers.get(0))
				.isEqualTo(ByteBuffer.wrap(new byte[] { 3, 4, 5, 6, 7, 8, 9 }));
		}

		@Test
		void emptyFinalFrameGetsOneEmptyFinCall() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			frame(MessageAssemblerTests.this.assembler, false, Frame.RSV1, OpCode.TEXT, utf8("olleH"));
			frame(MessageAssemblerTests.this.assembler, false, 0, OpCode.CONTINUATION, new byte[0]);
			MessageAssemblerTests.this.assembler.frameStart(true, 0, OpCode.CONTINUATION, 0);
			MessageAssemblerTests.this.assembler.payload(ByteBuffer.allocate(0));
			MessageAssemblerTests.this.assembler.frameEnd();
			assertThat(this.reversing.calls).containsExactly("decode 5 fin=false", "decode 0 fin=true");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("Hello");
		}

		@Test
		void emptyCompressedMessage() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1, OpCode.TEXT, 0);
			MessageAssemblerTests.this.assembler.frameEnd();
			assertThat(this.reversing.calls).containsExactly("decode 0 fin=true");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("");
		}

		@Test
		void messageWithoutTheRsvBitBypassesTheExtension() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			frame(true, OpCode.TEXT, "plain");
			assertThat(this.reversing.calls).isEmpty();
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("plain");
		}

		@Test
		void rsvBitTheExtensionDoesNotClaimClosesWith1002() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1 | Frame.RSV2,
					OpCode.TEXT, 1), 1002, "received TEXT frame with RSV bits 0x60 that no extension claims");
		}

		@Test
		void rsvBitOnAContinuationOfACompressedMessageClosesWith1002() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			frame(MessageAssemblerTests.this.assembler, false, Frame.RSV1, OpCode.TEXT, utf8("a"));
			assertClosesWith(
					() -> MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1, OpCode.CONTINUATION, 1),
					1002, "received continuation frame with RSV bits 0x40");
		}

		@Test
		void decodedBytesCountTowardTheLimitAsTheyAreProduced() {
			StreamingCodec tripling = new StreamingCodec((bytes) -> concat(bytes, bytes, bytes));
			MessageAssembler assembler = new MessageAssembler(10, MessageAssemblerTests.this.listener);
			assembler.setExtension(tripling);
			assembler.frameStart(true, Frame.RSV1, OpCode.BINARY, 6);
			assembler.payload(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
			assertClosesWith(() -> assembler.payload(ByteBuffer.wrap(new byte[] { 4 })), 1009,
					"received binary message of more than 10 bytes (at least 12)");
		}

		@Test
		void compressedLengthDoesNotCountTowardTheLimit() {
			StreamingCodec halving = new StreamingCodec((bytes) -> Arrays.copyOf(bytes, bytes.length / 2));
			MessageAssembler assembler = new MessageAssembler(4, MessageAssemblerTests.this.listener);
			assembler.setExtension(halving);
			frame(assembler, true, Frame.RSV1, OpCode.BINARY, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
			assertThat(MessageAssemblerTests.this.listener.buffers.get(0))
				.isEqualTo(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4 }));
		}

		@Test
		void decodedTextIsValidatedBeforeTheFinalFrame() {
			StreamingCodec identity = new StreamingCodec(UnaryOperator.identity());
			MessageAssemblerTests.this.assembler.setExtension(identity);
			frame(MessageAssemblerTests.this.assembler, false, Frame.RSV1, OpCode.TEXT, KOSME);
			MessageAssemblerTests.this.assembler.frameStart(false, 0, OpCode.CONTINUATION, 3);
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(hex("ed a0 80"))), 1007,
					"received invalid UTF-8 at byte 12 of a text message");
		}

		@Test
		void decodedTextEndingInsideASequenceClosesWith1007() {
			MessageAssemblerTests.this.assembler.setExtension(new StreamingCodec(UnaryOperator.identity()));
			assertClosesWith(
					() -> frame(MessageAssemblerTests.this.assembler, true, Frame.RSV1, OpCode.TEXT, hex("41 c3")),
					1007, "received text message ending inside a UTF-8 sequence");
		}

		@Test
		void sinkConsumesTheBytesItIsGiven() {
			StreamingCodec identity = new StreamingCodec(UnaryOperator.identity());
			MessageAssemblerTests.this.assembler.setExtension(identity);
			frame(MessageAssemblerTests.this.assembler, true, Frame.RSV1, OpCode.TEXT, utf8("abc"));
			assertThat(identity.remainingAfterWrite).containsExactly(0);
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("abc");
		}

		@Test
		void extensionSetDuringAMessageAppliesFromTheNextOne() {
			MessageAssemblerTests.this.assembler.setExtension(this.reversing);
			frame(MessageAssemblerTests.this.assembler, false, Frame.RSV1, OpCode.TEXT, utf8("ba"));
			MessageAssemblerTests.this.assembler.setExtension(null);
			frame(true, OpCode.CONTINUATION, "c");
			assertThat(MessageAssemblerTests.this.listener.messages).containsExactly("cab");
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1, OpCode.TEXT, 1),
					1002, "received TEXT frame with RSV bits 0x40 that no extension claims");
		}

		@Test
		void extensionExceptionDiscardsTheMessage() {
			ExtensionCodec failing = new StreamingCodec((bytes) -> {
				throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD, "bad deflate block");
			});
			MessageAssemblerTests.this.assembler.setExtension(failing);
			MessageAssemblerTests.this.assembler.frameStart(true, Frame.RSV1, OpCode.BINARY, 1);
			assertClosesWith(() -> MessageAssemblerTests.this.assembler.payload(ByteBuffer.wrap(new byte[] { 1 })),
					1007, "bad deflate block");
			assertThat(MessageAssemblerTests.this.assembler.isMessageInProgress()).isFalse();
		}

	}

	/**
	 * Records delivered messages: text as strings, binary as lists of bytes.
	 */
	static final class RecordingListener implements MessageListener {

		final List<Object> messages = new ArrayList<>();

		final List<ByteBuffer> buffers = new ArrayList<>();

		static List<Byte> bytesOf(byte[] array) {
			List<Byte> bytes = new ArrayList<>();
			for (byte value : array) {
				bytes.add(value);
			}
			return bytes;
		}

		@Override
		public void onText(String text) {
			this.messages.add(text);
		}

		@Override
		public void onBinary(ByteBuffer data) {
			this.buffers.add(data);
			List<Byte> bytes = new ArrayList<>();
			for (int i = data.position(); i < data.limit(); i++) {
				bytes.add(data.get(i));
			}
			this.messages.add(bytes);
		}

	}

	/**
	 * A fake extension that buffers a message and writes it reversed when told the
	 * message ended, so that any mistake in the {@code fin} contract shows.
	 */
	static final class ReversingCodec implements ExtensionCodec {

		final List<String> calls = new ArrayList<>();

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		@Override
		public int rsvMask() {
			return Frame.RSV1;
		}

		@Override
		public void decode(ByteBuffer payload, boolean fin, PayloadSink sink) {
			this.calls.add("decode " + payload.remaining() + " fin=" + fin);
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			this.pending.writeBytes(bytes);
			if (fin) {
				byte[] all = this.pending.toByteArray();
				byte[] reversed = new byte[all.length];
				for (int i = 0; i < all.length; i++) {
					reversed[i] = all[all.length - 1 - i];
				}
				this.pending.reset();
				sink.write(ByteBuffer.wrap(reversed));
			}
		}

		@Override
		public EncodedPayload encode(OpCode type, ByteBuffer payload) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void release() {
		}

	}

	/**
	 * A fake extension that transforms and writes each chunk as it arrives.
	 */
	static final class StreamingCodec implements ExtensionCodec {

		final List<Integer> remainingAfterWrite = new ArrayList<>();

		private final UnaryOperator<byte[]> transform;

		StreamingCodec(UnaryOperator<byte[]> transform) {
			this.transform = transform;
		}

		@Override
		public int rsvMask() {
			return Frame.RSV1;
		}

		@Override
		public void decode(ByteBuffer payload, boolean fin, PayloadSink sink) {
			byte[] bytes = new byte[payload.remaining()];
			payload.get(bytes);
			ByteBuffer decoded = ByteBuffer.wrap(this.transform.apply(bytes));
			sink.write(decoded);
			this.remainingAfterWrite.add(decoded.remaining());
		}

		@Override
		public EncodedPayload encode(OpCode type, ByteBuffer payload) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void release() {
		}

	}

}
