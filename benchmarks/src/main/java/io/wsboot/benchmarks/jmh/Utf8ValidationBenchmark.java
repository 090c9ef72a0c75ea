package io.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.internal.text.Utf8Validator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Validating a text message as UTF-8 (RFC 6455 §8.1): {@link Utf8Validator} against the
 * JDK's {@link CharsetDecoder} set to report malformed input, which also decodes, into a
 * reused buffer; and the whole of what a text message that arrives in one chunk costs:
 * validate then decode (before) against decode then look for U+FFFD (the read path now,
 * which runs the validator only when it finds one).
 *
 * @author wsboot
 */
public class Utf8ValidationBenchmark extends AbstractBenchmark {

	@Param({ "64", "4096" })
	int size;

	@Param({ "ascii", "mixed" })
	String text;

	private ByteBuffer bytes;

	private final Utf8Validator validator = new Utf8Validator();

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private CharBuffer chars;

	@Setup
	public void setUp() {
		// mixed: Latin, Cyrillic, CJK and an emoji, 1 to 4 bytes per character
		String unit = "ascii".equals(this.text) ? "The quick brown fox jumps over the lazy dog. "
				: "Grüße, Привет, 你好, 🙂 ok. ";
		StringBuilder builder = new StringBuilder();
		while (builder.toString().getBytes(StandardCharsets.UTF_8).length < this.size) {
			builder.append(unit);
		}
		byte[] encoded = builder.toString().getBytes(StandardCharsets.UTF_8);
		int length = this.size;
		// end on a character boundary
		while ((encoded[length] & 0xC0) == 0x80) {
			length--;
		}
		this.bytes = ByteBuffer.wrap(encoded, 0, length).slice();
		this.chars = CharBuffer.allocate(length);
	}

	@Benchmark
	public boolean utf8Validator() {
		this.validator.reset();
		return this.validator.update(this.bytes) && this.validator.isComplete();
	}

	@Benchmark
	public boolean jdkCharsetDecoder() {
		this.decoder.reset();
		this.chars.clear();
		CoderResult result = this.decoder.decode(this.bytes.duplicate(), this.chars, true);
		return !result.isError();
	}

	@Benchmark
	public String validateThenDecode() {
		this.validator.reset();
		if (!this.validator.update(this.bytes) || !this.validator.isComplete()) {
			throw new IllegalStateException("invalid");
		}
		return new String(this.bytes.array(), this.bytes.arrayOffset(), this.bytes.remaining(), StandardCharsets.UTF_8);
	}

	@Benchmark
	public String decodeThenCheckReplacement() {
		String decoded = new String(this.bytes.array(), this.bytes.arrayOffset(), this.bytes.remaining(),
				StandardCharsets.UTF_8);
		if (decoded.indexOf('\uFFFD') >= 0) {
			this.validator.reset();
			if (!this.validator.update(this.bytes) || !this.validator.isComplete()) {
				throw new IllegalStateException("invalid");
			}
		}
		return decoded;
	}

	@Benchmark
	public String jdkNewString() {
		// what MessageAssembler does after validating: decode (replacing, not reporting)
		return new String(this.bytes.array(), this.bytes.arrayOffset(), this.bytes.remaining(), StandardCharsets.UTF_8);
	}

}
