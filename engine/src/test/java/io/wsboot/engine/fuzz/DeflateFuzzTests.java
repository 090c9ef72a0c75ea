package io.wsboot.engine.fuzz;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.ExtensionParameter;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import io.wsboot.engine.internal.extension.deflate.PerMessageDeflateFactory;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes permessage-deflate decoding (RFC 7692 §7.2.2) on hostile compressed payloads:
 * only {@link WsProtocolException} with 1007 (corrupt data) or 1009 (past the limit) may
 * escape, and a decompression bomb never yields more than the message limit plus one
 * inflate chunk, because the sink refuses the excess before more is inflated.
 * <p>
 * Input layout: byte 0 picks the frame size (0 = one frame), bit 0 of byte 1 asks for
 * {@code client_no_context_takeover}, the rest is compressed payload; every frame but the
 * last has FIN clear. Seeds are in {@code DeflateFuzzTestsInputs/inflate}.
 *
 * @author wsboot
 */
class DeflateFuzzTests {

	/** The message limit the sink enforces, as the assembler does. */
	static final long MAX_MESSAGE_BYTES = 16 * 1024;

	/** The most a single inflate step hands to the sink: the codec's 8 KiB chunk. */
	static final int MAX_INFLATE_CHUNK_BYTES = 8 * 1024;

	@FuzzTest(maxDuration = "12s")
	@Timeout(value = 5, unit = TimeUnit.SECONDS)
	void inflate(byte[] input) {
		Chunks.Input split = Chunks.split(input);
		// the switch asks for client_no_context_takeover
		List<ExtensionParameter> parameters = split.flag()
				? List.of(new ExtensionParameter("client_no_context_takeover", null)) : List.of();
		int frameBytes = split.chunkBytes();
		NegotiatedExtension negotiated = new PerMessageDeflateFactory()
			.negotiate(List.of(new ExtensionOffer(PerMessageDeflateFactory.NAME, parameters)));
		assertThat(negotiated).isNotNull();
		ExtensionCodec codec = negotiated.codec();
		ByteBuffer wire = split.wire();
		long[] inflated = new long[1];
		try {
			// two messages, so that a second one inflates with the first one's window
			for (int message = 0; message < 2; message++) {
				inflated[0] = 0;
				ByteBuffer payload = wire.duplicate();
				do {
					ByteBuffer frame = Chunks.next(payload, frameBytes);
					payload.position(payload.position() + frame.remaining());
					codec.decode(frame, !payload.hasRemaining(), (bytes) -> {
						assertThat(bytes.remaining()).isBetween(1, MAX_INFLATE_CHUNK_BYTES);
						inflated[0] += bytes.remaining();
						if (inflated[0] > MAX_MESSAGE_BYTES) {
							throw new WsProtocolException(CloseStatus.MESSAGE_TOO_BIG, "message over the limit");
						}
					});
				}
				while (payload.hasRemaining());
			}
		}
		catch (WsProtocolException ex) {
			assertThat(ex.closeStatus().code()).isIn(CloseStatus.INVALID_PAYLOAD.code(),
					CloseStatus.MESSAGE_TOO_BIG.code());
			assertThat(inflated[0]).isLessThanOrEqualTo(MAX_MESSAGE_BYTES + MAX_INFLATE_CHUNK_BYTES);
		}
		finally {
			codec.release();
		}
	}

}
