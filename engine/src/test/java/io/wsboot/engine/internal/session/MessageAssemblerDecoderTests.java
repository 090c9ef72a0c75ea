package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.frame.FrameDecoder;
import io.wsboot.engine.internal.frame.FrameSink;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.internal.session.MessageAssemblerTests.RecordingListener;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MessageAssembler} fed by a {@link FrameDecoder} the way the transport
 * wires them: data frames to the assembler, control frames aside.
 */
class MessageAssemblerDecoderTests {

	private final RecordingListener listener = new RecordingListener();

	private final MessageAssembler assembler = new MessageAssembler(1024, this.listener);

	private final FrameDecoder decoder = new FrameDecoder(1024, 0);

	private final Router router = new Router();

	private void receive(byte[] bytes, int readSize) {
		for (int offset = 0; offset < bytes.length; offset += readSize) {
			ByteBuffer in = ByteBuffer.wrap(bytes, offset, Math.min(readSize, bytes.length - offset));
			while (in.hasRemaining()) {
				this.decoder.decode(in, this.router);
			}
		}
	}

	/**
	 * Receive the bytes the way the transport does: each read in the same reused buffer,
	 * data frames unmasked while they are copied.
	 */
	private void receiveInto(ByteBuffer readBuffer, byte[] bytes, int readSize) {
		this.router.unmaskWhileCopying = true;
		for (int offset = 0; offset < bytes.length; offset += readSize) {
			int count = Math.min(readSize, bytes.length - offset);
			readBuffer.clear();
			readBuffer.put(bytes, offset, count).flip();
			while (readBuffer.hasRemaining()) {
				this.decoder.decode(readBuffer, this.router);
			}
		}
	}

	static Stream<Arguments> readBuffers() {
		return Stream.of(Arguments.of("heap", ByteBuffer.allocate(64 * 1024)),
				Arguments.of("direct", ByteBuffer.allocateDirect(64 * 1024)), Arguments.of("direct little-endian",
						ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN)));
	}

	/**
	 * Return each read buffer with each invalid text message.
	 */
	static Stream<Arguments> invalidTextInOneRead() {
		return readBuffers().flatMap((buffer) -> {
			Object kind = buffer.get()[0];
			Object readBuffer = buffer.get()[1];
			// ED A0 80 would be U+D800, a surrogate, which the JDK decodes as U+FFFD
			return Stream.of(
					Arguments.of(kind, readBuffer, "a surrogate",
							ClientFrames.bytes(0x41, 0x42, 0xED, 0xA0, 0x80, 0x43),
							"received invalid UTF-8 at byte 3 of a text message"),
					Arguments.of(kind, readBuffer, "ending inside a sequence",
							ClientFrames.bytes(0x41, 0xF0, 0x9F, 0x99),
							"received text message ending inside a UTF-8 sequence"));
		});
	}

	private static void assertClosesWith1007(ThrowingCallable receive, String message) {
		assertThatExceptionOfType(WsProtocolException.class).isThrownBy(receive)
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1007));
	}

	@Nested
	@DisplayName("RFC 6455 §5.3 unmasking while copying, at every split point")
	class UnmaskingWhileCopying {

		/** Text with 1- to 4-byte characters, and U+FFFD itself, sent as it is. */
		private static final String MIXED = "Grüße, Привет, 你好, 🙂, \uFFFD ok";

		private final byte[] binary = ClientFrames.pattern(1000);

		private byte[] frames() {
			return ClientFrames.builder()
				.binary(this.binary)
				.text(MIXED)
				.ping("p")
				.text(MIXED.substring(0, 9))
				.fin(false)
				.continuation(MIXED.substring(9))
				.binary(ClientFrames.pattern(3))
				.fin(false)
				.ping("q")
				.frame(ClientFrames.CONTINUATION, ClientFrames.pattern(11))
				.build();
		}

		@ParameterizedTest(name = "{0} read buffer")
		@MethodSource("io.wsboot.engine.internal.session.MessageAssemblerDecoderTests#readBuffers")
		void messagesAtEveryReadSize(String kind, ByteBuffer readBuffer) {
			byte[] bytes = frames();
			for (int readSize = 1; readSize <= bytes.length; readSize++) {
				MessageAssemblerDecoderTests tests = new MessageAssemblerDecoderTests();
				tests.receiveInto(readBuffer, bytes, readSize);
				assertThat(tests.listener.messages).as("reads of %d bytes", readSize)
					.containsExactly(RecordingListener.bytesOf(this.binary), MIXED, MIXED, RecordingListener
						.bytesOf(ClientFrames.concat(ClientFrames.pattern(3), ClientFrames.pattern(11))));
				assertThat(tests.router.control).containsExactly("PING p", "PING q");
			}
		}

		@ParameterizedTest(name = "{0} read buffer")
		@MethodSource("io.wsboot.engine.internal.session.MessageAssemblerDecoderTests#readBuffers")
		void binaryMessageInOneReadIsDeliveredUnmaskedAndTheReadBufferIsLeftMasked(String kind, ByteBuffer readBuffer) {
			byte[] bytes = ClientFrames.builder().binary(this.binary).build();
			receiveInto(readBuffer, bytes, bytes.length);
			ByteBuffer delivered = MessageAssemblerDecoderTests.this.listener.buffers.get(0);
			assertThat(delivered.isDirect()).isFalse();
			assertThat(delivered.position()).isZero();
			assertThat(delivered.capacity()).isEqualTo(1000);
			byte[] content = new byte[1000];
			delivered.get(content);
			assertThat(content).isEqualTo(this.binary);
			byte[] wire = new byte[bytes.length];
			readBuffer.get(0, wire);
			assertThat(wire).isEqualTo(bytes);
		}

		@ParameterizedTest(name = "{0} read buffer: {2}")
		@MethodSource("io.wsboot.engine.internal.session.MessageAssemblerDecoderTests#invalidTextInOneRead")
		void invalidTextMessageInOneReadClosesWith1007(String kind, ByteBuffer readBuffer, String problem,
				byte[] payload, String message) {
			byte[] bytes = ClientFrames.builder().frame(ClientFrames.TEXT, payload).build();
			assertClosesWith1007(() -> receiveInto(readBuffer, bytes, bytes.length), message);
			assertThat(MessageAssemblerDecoderTests.this.listener.messages).isEmpty();
		}

		@ParameterizedTest(name = "{0} read buffer")
		@MethodSource("io.wsboot.engine.internal.session.MessageAssemblerDecoderTests#readBuffers")
		void realReplacementCharacterInOneReadIsDelivered(String kind, ByteBuffer readBuffer) {
			byte[] bytes = ClientFrames.builder()
				.frame(ClientFrames.TEXT, ClientFrames.bytes(0xEF, 0xBF, 0xBD))
				.build();
			receiveInto(readBuffer, bytes, bytes.length);
			assertThat(MessageAssemblerDecoderTests.this.listener.messages).containsExactly("\uFFFD");
		}

		@ParameterizedTest(name = "{0} read buffer")
		@MethodSource("io.wsboot.engine.internal.session.MessageAssemblerDecoderTests#readBuffers")
		void invalidUtf8InAFragmentClosesWith1007BeforeTheFinalFrame(String kind, ByteBuffer readBuffer) {
			byte[] bytes = ClientFrames.builder()
				.text("ok")
				.fin(false)
				.frame(ClientFrames.CONTINUATION, ClientFrames.bytes(0x41, 0xC0, 0x80))
				.fin(false)
				.build();
			for (int readSize = 1; readSize <= bytes.length; readSize++) {
				MessageAssemblerDecoderTests tests = new MessageAssemblerDecoderTests();
				int size = readSize;
				assertClosesWith1007(() -> tests.receiveInto(readBuffer, bytes, size),
						"received invalid UTF-8 at byte 3 of a text message");
			}
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.4 fragments with control frames in between (Autobahn 5.x)")
	class Interleaved {

		@Test
		void messagesAndControlFramesAtEveryReadSize() {
			byte[] bytes = ClientFrames.builder()
				.text("Hel")
				.fin(false)
				.ping("p1")
				.continuation("lo, ")
				.fin(false)
				.continuation("world")
				.binary(ClientFrames.pattern(300))
				.fin(false)
				.frame(ClientFrames.PONG, ClientFrames.bytes())
				.frame(ClientFrames.CONTINUATION, ClientFrames.pattern(5))
				.close(1000, "bye")
				.build();
			for (int readSize = 1; readSize <= 20; readSize++) {
				MessageAssemblerDecoderTests tests = new MessageAssemblerDecoderTests();
				tests.receive(bytes.clone(), readSize);
				assertThat(tests.listener.messages).as("reads of %d bytes", readSize).hasSize(2);
				assertThat(tests.listener.messages.get(0)).isEqualTo("Hello, world");
				assertThat(tests.listener.buffers.get(0)).isEqualTo(
						ByteBuffer.wrap(ClientFrames.concat(ClientFrames.pattern(300), ClientFrames.pattern(5))));
				assertThat(tests.router.control).containsExactly("PING p1", "PONG ", "CLOSE \u0003\u00e8bye");
			}
		}

		@Test
		void invalidUtf8ClosesWith1007BeforeTheFinalFrameArrives() {
			byte[] bytes = ClientFrames.builder()
				.frame(ClientFrames.TEXT, ClientFrames.bytes(0x41, 0xED))
				.fin(false)
				.frame(ClientFrames.CONTINUATION, ClientFrames.bytes(0xA0, 0x80))
				.fin(false)
				.build();
			assertThatExceptionOfType(WsProtocolException.class).isThrownBy(() -> receive(bytes, 3))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1007));
		}

	}

	/**
	 * Routes data frames to the assembler and records control frames.
	 */
	private final class Router implements FrameSink {

		final List<String> control = new ArrayList<>();

		private OpCode opCode = OpCode.CONTINUATION;

		private boolean unmaskWhileCopying;

		@Override
		public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
			this.opCode = opCode;
			if (!opCode.isControl()) {
				MessageAssemblerDecoderTests.this.assembler.frameStart(fin, rsv, opCode, payloadLength);
			}
		}

		@Override
		public void payload(ByteBuffer chunk) {
			if (this.opCode.isControl()) {
				this.control.add(this.opCode + " " + StandardCharsets.ISO_8859_1.decode(chunk));
			}
			else {
				MessageAssemblerDecoderTests.this.assembler.payload(chunk);
			}
		}

		@Override
		public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) {
			if (this.unmaskWhileCopying) {
				MessageAssemblerDecoderTests.this.assembler.maskedPayload(chunk, maskKey, frameOffset);
			}
			else {
				FrameSink.super.maskedPayload(chunk, maskKey, frameOffset);
			}
		}

		@Override
		public void frameEnd() {
			if (!this.opCode.isControl()) {
				MessageAssemblerDecoderTests.this.assembler.frameEnd();
			}
		}

	}

}
