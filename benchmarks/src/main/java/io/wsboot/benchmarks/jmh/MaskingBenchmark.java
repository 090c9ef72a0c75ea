package io.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import io.wsboot.engine.internal.frame.Masking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Unmasking a payload (RFC 6455 §5.3): {@link Masking}, eight bytes at a time, against
 * the byte-at-a-time loop of the RFC's pseudo-code; and unmasking while copying into an
 * array ({@link Masking#maskInto}, what the read path does) against unmasking in place
 * and then copying (what it did before).
 *
 * @author wsboot
 */
public class MaskingBenchmark extends AbstractBenchmark {

	@Param({ "64", "4096", "65536" })
	int size;

	@Param({ "heap", "direct", "directNative" })
	String buffer;

	private ByteBuffer payload;

	private byte[] target;

	private final int maskKey = 0x37FA213D;

	@Setup
	public void setUp() {
		this.payload = "direct".equals(this.buffer) ? ByteBuffer.allocateDirect(this.size)
				: "directNative".equals(this.buffer)
						? ByteBuffer.allocateDirect(this.size).order(ByteOrder.nativeOrder())
						: ByteBuffer.allocate(this.size);
		this.target = new byte[this.size];
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < this.size; i++) {
			this.payload.put(i, (byte) random.nextInt(256));
		}
	}

	@Benchmark
	public ByteBuffer masking() {
		Masking.mask(this.payload, 0, this.size, this.maskKey, 0);
		return this.payload;
	}

	@Benchmark
	public byte[] maskInto() {
		Masking.maskInto(this.payload, 0, this.size, this.target, 0, this.maskKey, 0);
		return this.target;
	}

	@Benchmark
	public byte[] maskIntoFresh() {
		byte[] target = new byte[this.size];
		Masking.maskInto(this.payload, 0, this.size, target, 0, this.maskKey, 0);
		return target;
	}

	@Benchmark
	public byte[] maskInPlaceThenCopyFresh() {
		Masking.mask(this.payload, 0, this.size, this.maskKey, 0);
		byte[] target = new byte[this.size];
		this.payload.get(0, target);
		return target;
	}

	@Benchmark
	public byte[] maskInPlaceThenCopy() {
		Masking.mask(this.payload, 0, this.size, this.maskKey, 0);
		this.payload.get(0, this.target);
		return this.target;
	}

	@Benchmark
	public ByteBuffer naiveLoop() {
		ByteBuffer payload = this.payload;
		int key = this.maskKey;
		for (int i = 0; i < this.size; i++) {
			payload.put(i, (byte) (payload.get(i) ^ (key >>> (24 - 8 * (i & 3)))));
		}
		return payload;
	}

}
