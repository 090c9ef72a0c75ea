package io.wsboot.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import io.wsboot.engine.internal.extension.deflate.PerMessageDeflateFactory;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.internal.frame.FrameDecoder;
import io.wsboot.engine.internal.frame.FrameSink;
import io.wsboot.engine.internal.frame.Masking;
import io.wsboot.engine.internal.session.CloseFrames;
import io.wsboot.engine.internal.session.MessageAssembler;
import io.wsboot.engine.internal.session.MessageListener;
import io.wsboot.engine.internal.text.Utf8Validator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what a connection does with the bytes after the handshake (RFC 6455 §5, §8.1):
 * the frame decoder, the message assembler with its UTF-8 validator and, when negotiated,
 * permessage-deflate (RFC 7692), with the input split at arbitrary points. Only
 * {@link WsProtocolException} with 1002, 1007 or 1009 may escape; no frame over the frame
 * limit and no message over the message limit is ever passed on, so nothing is allocated
 * past them; every call makes progress.
 * <p>
 * Input layout: byte 0 picks the chunk size (0 = the whole rest at once), bit 0 of byte 1
 * negotiates permessage-deflate, the rest is the client's frames. Seeds are in
 * {@code FrameFuzzTestsInputs/frames}.
 *
 * @author wsboot
 */
class FrameFuzzTests {

	/** A small frame limit, so that the fuzzer reaches it (1009) cheaply. */
	static final long MAX_FRAME_PAYLOAD_BYTES = 4096;

	/** A small message limit, so that fragments reach it (1009) cheaply. */
	static final long MAX_MESSAGE_BYTES = 8192;

	private static final List<Integer> EXPECTED_CLOSE_CODES = List.of(CloseStatus.PROTOCOL_ERROR.code(),
			CloseStatus.INVALID_PAYLOAD.code(), CloseStatus.MESSAGE_TOO_BIG.code());

	@FuzzTest(maxDuration = "12s")
	@Timeout(value = 5, unit = TimeUnit.SECONDS)
	void frames(byte[] input) {
		Chunks.Input split = Chunks.split(input);
		int chunkBytes = split.chunkBytes();
		// the switch negotiates permessage-deflate
		ExtensionCodec codec = split.flag() ? negotiateDeflate() : null;
		ByteBuffer wire = split.wire();
		Connection connection = new Connection(codec);
		try {
			while (wire.hasRemaining()) {
				ByteBuffer chunk = Chunks.next(wire, chunkBytes);
				while (chunk.hasRemaining()) {
					int before = chunk.remaining();
					boolean frameEnded = connection.decoder.decode(chunk, connection);
					// a decoder that neither consumes nor ends a frame makes the loop
					// spin
					assertThat(frameEnded || chunk.remaining() < before).isTrue();
				}
				wire.position(wire.position() + chunk.position());
			}
		}
		catch (WsProtocolException ex) {
			assertThat(ex.closeStatus().code()).isIn(EXPECTED_CLOSE_CODES);
			assertThat(ex.getMessage()).isNotBlank();
			byte[] text = connection.uncompressedText();
			if (ex.closeStatus().code() == CloseStatus.INVALID_PAYLOAD.code() && connection.inDataFrame()
					&& text != null) {
				// differential: the text received so far is indeed not valid UTF-8
				assertThat(Utf8Validator.isValid(ByteBuffer.wrap(text))).isFalse();
			}
		}
		finally {
			if (codec != null) {
				codec.release();
			}
		}
	}

	private static ExtensionCodec negotiateDeflate() {
		NegotiatedExtension negotiated = new PerMessageDeflateFactory()
			.negotiate(List.of(new ExtensionOffer(PerMessageDeflateFactory.NAME, List.of())));
		assertThat(negotiated).isNotNull();
		return negotiated.codec();
	}

	/**
	 * The engine's read path without a socket: control frames as the transport handles
	 * them, data frames still masked through the assembler; checks every size passed on
	 * and, for uncompressed text, compares what is delivered or refused with a plain
	 * decoding of the bytes and the incremental validator.
	 */
	private static final class Connection implements FrameSink, MessageListener {

		final FrameDecoder decoder;

		private final MessageAssembler assembler;

		private @Nullable OpCode control;

		/** The unmasked bytes of the uncompressed text message in progress. */
		private @Nullable ByteArrayOutputStream text;

		Connection(@Nullable ExtensionCodec codec) {
			this.decoder = new FrameDecoder(MAX_FRAME_PAYLOAD_BYTES, (codec != null) ? codec.rsvMask() : 0);
			this.assembler = new MessageAssembler(MAX_MESSAGE_BYTES, this);
			this.assembler.setExtension(codec);
		}

		@Override
		public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
			// the decoder refuses a declared length over the limit before its payload
			assertThat(payloadLength).isBetween(0L, MAX_FRAME_PAYLOAD_BYTES);
			if (opCode.isControl()) {
				assertThat(fin).isTrue();
				assertThat(payloadLength).isLessThanOrEqualTo(Frame.MAX_CONTROL_PAYLOAD_BYTES);
				this.control = opCode;
				return;
			}
			this.control = null;
			if (opCode != OpCode.CONTINUATION) {
				this.text = (opCode == OpCode.TEXT && rsv == 0) ? new ByteArrayOutputStream() : null;
			}
			this.assembler.frameStart(fin, rsv, opCode, payloadLength);
		}

		@Override
		public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) {
			ByteArrayOutputStream text = this.text;
			if (text != null) {
				byte[] unmasked = new byte[chunk.remaining()];
				Masking.maskInto(chunk, chunk.position(), chunk.limit(), unmasked, 0, maskKey, frameOffset);
				text.writeBytes(unmasked);
			}
			this.assembler.maskedPayload(chunk, maskKey, frameOffset);
		}

		/** Whether the last frame started was a data frame, not a control frame. */
		boolean inDataFrame() {
			return this.control == null;
		}

		byte @Nullable [] uncompressedText() {
			ByteArrayOutputStream text = this.text;
			return (text != null) ? text.toByteArray() : null;
		}

		@Override
		public void payload(ByteBuffer chunk) {
			if (this.control == OpCode.CLOSE) {
				CloseFrames.parse(chunk.duplicate());
			}
			if (this.control == null) {
				this.assembler.payload(chunk);
			}
		}

		@Override
		public void frameEnd() {
			if (this.control == null) {
				this.assembler.frameEnd();
			}
			this.control = null;
		}

		@Override
		public void onText(String text) {
			assertThat((long) text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_MESSAGE_BYTES);
			byte[] received = uncompressedText();
			if (received != null) {
				// differential: valid UTF-8, decoded as the JDK decodes it
				assertThat(Utf8Validator.isValid(ByteBuffer.wrap(received))).isTrue();
				assertThat(text).isEqualTo(new String(received, StandardCharsets.UTF_8));
			}
			this.text = null;
		}

		@Override
		public void onBinary(ByteBuffer data) {
			assertThat((long) data.remaining()).isLessThanOrEqualTo(MAX_MESSAGE_BYTES);
		}

	}

}
