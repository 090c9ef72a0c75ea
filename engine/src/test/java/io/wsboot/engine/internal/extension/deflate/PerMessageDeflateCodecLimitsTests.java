package io.wsboot.engine.internal.extension.deflate;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

import io.wsboot.engine.WsProtocolException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link PerMessageDeflateCodec} inflates incrementally, so that the sink's
 * message limit stops a decompression bomb before it is inflated.
 */
class PerMessageDeflateCodecLimitsTests {

	private static final int BOMB_INFLATED_BYTES = 100 * 1024 * 1024;

	private static final int LIMIT_BYTES = 1024 * 1024;

	/** 100 MiB of zeros; DEFLATE's best ratio is about 1032:1, so this is ~100 KiB. */
	private static byte[] bomb;

	@BeforeAll
	static void compressBomb() {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		try {
			byte[] zeros = new byte[1024 * 1024];
			byte[] output = new byte[256 * 1024];
			int length = 0;
			for (int i = 0; i < BOMB_INFLATED_BYTES / zeros.length; i++) {
				deflater.setInput(zeros);
				while (!deflater.needsInput()) {
					length += deflater.deflate(output, length, output.length - length, Deflater.NO_FLUSH);
				}
			}
			length += deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
			assertThat(length).isLessThan(output.length);
			// RFC 7692 §7.2.1: drop the 00 00 FF FF of the flush
			bomb = Arrays.copyOf(output, length - 4);
		}
		finally {
			deflater.end();
		}
	}

	@Nested
	@DisplayName("RFC 6455 §10.4 decompression bomb (Autobahn 13.x limits)")
	class DecompressionBomb {

		@Test
		void bombIsSmall() {
			assertThat(bomb.length).isLessThan(BOMB_INFLATED_BYTES / 1000);
		}

		@Test
		void bombClosesWith1009AfterLimitPlusOneChunk() {
			PerMessageDeflateCodec codec = new TrackedStreams(0).codec(false, 0);
			LimitedSink sink = new LimitedSink(LIMIT_BYTES);
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> codec.decode(ByteBuffer.wrap(bomb), true, sink))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1009));
			long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
			assertThat(sink.offeredBytes()).isGreaterThan(LIMIT_BYTES)
				.isLessThanOrEqualTo(LIMIT_BYTES + PerMessageDeflateCodec.INFLATE_CHUNK_BYTES);
			assertThat(sink.largestWriteBytes()).isLessThanOrEqualTo(PerMessageDeflateCodec.INFLATE_CHUNK_BYTES);
			// the sink's own copies of up to 1 MiB, never the 100 MiB
			assertThat(allocated).isLessThan(8L * LIMIT_BYTES);
		}

		@Test
		void bombInFramesClosesWith1009OnTheFrameThatCrossesTheLimit() {
			PerMessageDeflateCodec codec = new TrackedStreams(0).codec(false, 0);
			LimitedSink sink = new LimitedSink(LIMIT_BYTES);
			int frameBytes = 512;
			assertThatExceptionOfType(WsProtocolException.class).isThrownBy(() -> {
				for (int offset = 0; offset < bomb.length; offset += frameBytes) {
					int length = Math.min(frameBytes, bomb.length - offset);
					codec.decode(ByteBuffer.wrap(bomb, offset, length), offset + length == bomb.length, sink);
				}
			}).satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1009));
			assertThat(sink.offeredBytes())
				.isLessThanOrEqualTo(LIMIT_BYTES + PerMessageDeflateCodec.INFLATE_CHUNK_BYTES);
		}

		@Test
		void messageAtTheLimitPasses() {
			PerMessageDeflateCodec sender = new TrackedStreams(0).codec(false, 0);
			byte[] message = new byte[LIMIT_BYTES];
			byte[] compressed = PerMessageDeflateCodecTests.encode(sender, message);
			PerMessageDeflateCodec receiver = new TrackedStreams(0).codec(false, 0);
			LimitedSink sink = new LimitedSink(LIMIT_BYTES);
			receiver.decode(ByteBuffer.wrap(compressed), true, sink);
			assertThat(sink.bytes()).hasSize(LIMIT_BYTES);
		}

	}

}
