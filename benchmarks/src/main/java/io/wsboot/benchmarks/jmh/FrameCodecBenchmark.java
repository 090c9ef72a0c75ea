package io.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.internal.frame.FrameDecoder;
import io.wsboot.engine.internal.frame.FrameEncoder;
import io.wsboot.engine.internal.frame.FrameSink;
import io.wsboot.engine.internal.session.MessageAssembler;
import io.wsboot.engine.internal.session.MessageListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The frame codec (RFC 6455 §5.2): decoding a read buffer of {@value #FRAMES} masked
 * client frames, alone and through the {@link MessageAssembler} to a delivered message
 * (what the engine does per message received), and encoding the header of a server frame.
 * Time is per frame.
 *
 * @author wsboot
 */
public class FrameCodecBenchmark extends AbstractBenchmark {

	/** Frames in one read buffer, as 16 messages in flight deliver them. */
	static final int FRAMES = 16;

	@Param({ "64", "4096" })
	int size;

	@Param({ "text", "binary" })
	String type;

	private ByteBuffer frames;

	private FrameDecoder decoder;

	private MessageAssembler assembler;

	private CountingSink counting;

	private AssemblingSink assembling;

	private final ByteBuffer header = ByteBuffer.allocate(16);

	@Setup
	public void setUp(Blackhole blackhole) {
		boolean text = "text".equals(this.type);
		SplittableRandom random = new SplittableRandom(7);
		int headerBytes = 2 + ((this.size <= 125) ? 0 : 2) + 4;
		this.frames = ByteBuffer.allocate(FRAMES * (headerBytes + this.size));
		for (int f = 0; f < FRAMES; f++) {
			this.frames.put((byte) (0x80 | (text ? 0x1 : 0x2)));
			if (this.size <= 125) {
				this.frames.put((byte) (0x80 | this.size));
			}
			else {
				this.frames.put((byte) (0x80 | 126)).putShort((short) this.size);
			}
			// a zero masking key keeps the text valid UTF-8 however often it is unmasked
			this.frames.putInt(0);
			for (int i = 0; i < this.size; i++) {
				this.frames.put(text ? (byte) ('a' + i % 26) : (byte) random.nextInt(256));
			}
		}
		this.frames.flip();
		this.decoder = new FrameDecoder(WsLimits.DEFAULT_MAX_FRAME_PAYLOAD_BYTES, 0);
		this.counting = new CountingSink(blackhole);
		this.assembler = new MessageAssembler(WsLimits.DEFAULT_MAX_MESSAGE_BYTES, new MessageListener() {

			@Override
			public void onText(String text) {
				blackhole.consume(text);
			}

			@Override
			public void onBinary(ByteBuffer data) {
				blackhole.consume(data);
			}

		});
		this.assembling = new AssemblingSink(this.assembler);
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES)
	public void decode() {
		ByteBuffer in = this.frames.duplicate();
		while (in.hasRemaining()) {
			this.decoder.decode(in, this.counting);
		}
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES)
	public void decodeAndAssemble() {
		ByteBuffer in = this.frames.duplicate();
		while (in.hasRemaining()) {
			this.decoder.decode(in, this.assembling);
		}
	}

	@Benchmark
	public ByteBuffer encodeHeaderAllocating() {
		return FrameEncoder.header(true, 0, OpCode.BINARY, this.size);
	}

	@Benchmark
	public ByteBuffer encodeHeaderIntoBuffer() {
		ByteBuffer header = this.header.clear();
		FrameEncoder.writeHeader(header, true, 0, OpCode.BINARY, this.size);
		return header;
	}

	private static final class CountingSink implements FrameSink {

		private final Blackhole blackhole;

		CountingSink(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Override
		public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
			this.blackhole.consume(payloadLength);
		}

		@Override
		public void payload(ByteBuffer chunk) {
			this.blackhole.consume(chunk.remaining());
		}

		@Override
		public void frameEnd() {
		}

	}

	private static final class AssemblingSink implements FrameSink {

		private final MessageAssembler assembler;

		AssemblingSink(MessageAssembler assembler) {
			this.assembler = assembler;
		}

		@Override
		public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
			this.assembler.frameStart(fin, rsv, opCode, payloadLength);
		}

		@Override
		public void payload(ByteBuffer chunk) {
			this.assembler.payload(chunk);
		}

		@Override
		public void frameEnd() {
			this.assembler.frameEnd();
		}

	}

}
