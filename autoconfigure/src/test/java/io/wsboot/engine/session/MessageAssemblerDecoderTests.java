package io.wsboot.engine.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.exception.WsProtocolException;
import io.wsboot.engine.frame.FrameDecoder;
import io.wsboot.engine.frame.FrameSink;
import io.wsboot.engine.frame.RawFrames;
import io.wsboot.engine.session.MessageAssemblerTests.RecordingListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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

	@Nested
	@DisplayName("RFC 6455 §5.4 fragments with control frames in between (Autobahn 5.x)")
	class Interleaved {

		@Test
		void messagesAndControlFramesAtEveryReadSize() {
			byte[] bytes = RawFrames.client()
				.text("Hel")
				.fin(false)
				.ping("p1")
				.continuation("lo, ")
				.fin(false)
				.continuation("world")
				.binary(RawFrames.payload(300))
				.fin(false)
				.pong(RawFrames.bytes())
				.continuation(RawFrames.payload(5))
				.close(1000, "bye")
				.build();
			for (int readSize = 1; readSize <= 20; readSize++) {
				MessageAssemblerDecoderTests tests = new MessageAssemblerDecoderTests();
				tests.receive(bytes.clone(), readSize);
				assertThat(tests.listener.messages).as("reads of %d bytes", readSize).hasSize(2);
				assertThat(tests.listener.messages.get(0)).isEqualTo("Hello, world");
				assertThat(tests.listener.buffers.get(0))
					.isEqualTo(ByteBuffer.wrap(RawFrames.concat(RawFrames.payload(300), RawFrames.payload(5))));
				assertThat(tests.router.control).containsExactly("PING p1", "PONG ", "CLOSE \u0003\u00e8bye");
			}
		}

		@Test
		void invalidUtf8ClosesWith1007BeforeTheFinalFrameArrives() {
			byte[] bytes = RawFrames.client()
				.text(RawFrames.bytes(0x41, 0xED))
				.fin(false)
				.continuation(RawFrames.bytes(0xA0, 0x80))
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
		public void frameEnd() {
			if (!this.opCode.isControl()) {
				MessageAssemblerDecoderTests.this.assembler.frameEnd();
			}
		}

	}

}
