package io.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.internal.extension.EncodedPayload;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import io.wsboot.engine.internal.extension.deflate.PerMessageDeflateFactory;
import io.wsboot.engine.internal.frame.FrameEncoder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JSON chat traffic sent with permessage-deflate (RFC 7692) against sent as it is: the
 * CPU cost per message (the score) and the bytes on the wire per message (the
 * {@code wireBytes} and {@code messageBytes} counters, whose ratio is the compression
 * ratio). {@code contextTakeover=false} is wsboot's default ({@code
 * server_no_context_takeover}, pooled compressors); {@code true} keeps one compressor per
 * connection and compresses better.
 *
 * @author wsboot
 */
public class CompressionBenchmark extends AbstractBenchmark {

	private static final String[] WORDS = { "hello", "room", "lobby", "anyone", "there", "yes", "deploy", "release",
			"tonight", "metrics", "look", "good", "the", "dashboard", "shows", "bytes", "saved", "nice", "ok",
			"lunch" };

	@Param({ "false", "true" })
	boolean contextTakeover;

	private ByteBuffer[] messages;

	private ExtensionCodec codec;

	private int next;

	/** Bytes counted per operation, reported beside the score. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Bytes {

		/** Frame bytes on the wire (header and payload). */
		public long wireBytes;

		/** Message bytes as the application gave them. */
		public long messageBytes;

		@Setup(Level.Iteration)
		public void reset() {
			this.wireBytes = 0;
			this.messageBytes = 0;
		}

	}

	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(7692);
		this.messages = new ByteBuffer[256];
		for (int i = 0; i < this.messages.length; i++) {
			StringBuilder text = new StringBuilder();
			int words = 8 + random.nextInt(40);
			for (int w = 0; w < words; w++) {
				text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
			}
			String json = "{\"type\":\"message\",\"room\":\"lobby\",\"user\":\"user" + random.nextInt(50)
					+ "\",\"sentAt\":" + (1764000000000L + i * 1000L) + ",\"text\":\"" + text.toString().trim() + "\"}";
			this.messages[i] = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
		}
		PerMessageDeflate settings = new PerMessageDeflate(true, 0, PerMessageDeflate.DEFAULT_COMPRESSION_LEVEL,
				!this.contextTakeover, false);
		NegotiatedExtension negotiated = new PerMessageDeflateFactory(settings)
			.negotiate(List.of(new ExtensionOffer("permessage-deflate", List.of())));
		this.codec = negotiated.codec();
	}

	@TearDown
	public void tearDown() {
		this.codec.release();
	}

	@Benchmark
	public ByteBuffer compressed(Bytes bytes) {
		ByteBuffer message = nextMessage();
		bytes.messageBytes += message.remaining();
		EncodedPayload encoded = this.codec.encode(OpCode.TEXT, message);
		long length = encoded.payload().remaining();
		bytes.wireBytes += FrameEncoder.headerLength(length) + length;
		return encoded.payload();
	}

	@Benchmark
	public ByteBuffer uncompressed(Bytes bytes) {
		ByteBuffer message = nextMessage();
		long length = message.remaining();
		bytes.messageBytes += length;
		bytes.wireBytes += FrameEncoder.headerLength(length) + length;
		return FrameEncoder.header(true, 0, OpCode.TEXT, length);
	}

	private ByteBuffer nextMessage() {
		ByteBuffer message = this.messages[this.next].duplicate();
		this.next = (this.next + 1) & (this.messages.length - 1);
		return message;
	}

}
