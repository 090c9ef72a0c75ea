package io.wsboot.engine.fuzz;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsboot.engine.internal.proxy.ProxyHeader;
import io.wsboot.engine.internal.proxy.ProxyHeaderException;
import io.wsboot.engine.internal.proxy.ProxyHeaderParser;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the PROXY protocol header (v1 and v2) the way a connection reads it: split at
 * arbitrary points, required or optional. Only {@link ProxyHeaderException} may escape;
 * the parser never takes a byte past the header, never more than the protocol's limits,
 * and a complete PROXIED header always has a source address.
 * <p>
 * Input layout ({@link Chunks#split}): byte 0 the read size, bit 0 of byte 1 whether the
 * header is required, the rest the bytes a proxy sends. Seeds are in
 * {@code ProxyHeaderFuzzTestsInputs/proxyHeader}.
 *
 * @author wsboot
 */
class ProxyHeaderFuzzTests {

	/** The most bytes a header may take: the fixed 16 and the longest trailer of v2. */
	private static final int MAX_HEADER_BYTES = 16 + ProxyHeaderParser.MAX_V2_TRAILER_BYTES;

	@FuzzTest(maxDuration = "12s")
	@Timeout(value = 5, unit = TimeUnit.SECONDS)
	void proxyHeader(byte[] input) {
		Chunks.Input parts = Chunks.split(input);
		ByteBuffer wire = parts.wire();
		ProxyHeaderParser parser = new ProxyHeaderParser(parts.flag());
		int taken = 0;
		try {
			ProxyHeader header = null;
			while (header == null && wire.hasRemaining()) {
				ByteBuffer chunk = Chunks.next(wire, parts.chunkBytes());
				int before = chunk.remaining();
				header = parser.parse(chunk);
				int consumed = before - chunk.remaining();
				if (header == null) {
					// a parser that leaves bytes while it needs more would lose them
					assertThat(chunk.hasRemaining()).as("bytes left over while more are needed").isFalse();
				}
				taken += consumed;
				wire.position(wire.position() + consumed);
			}
			assertThat(taken).isLessThanOrEqualTo(MAX_HEADER_BYTES);
			if (header == null) {
				return;
			}
			switch (header.kind()) {
				case PROXIED -> {
					assertThat(header.source()).isNotNull();
					assertThat(header.destination()).isNotNull();
				}
				case LOCAL -> assertThat(header.source()).isNull();
				case ABSENT -> {
					assertThat(parts.flag()).as("absent although required").isFalse();
					// the bytes taken while looking for a signature are given back
					assertThat(header.replay().remaining()).isEqualTo(taken).isBetween(1, 12);
				}
			}
		}
		catch (ProxyHeaderException ex) {
			assertThat(ex.getMessage()).isNotBlank();
			assertThat(taken).isLessThanOrEqualTo(MAX_HEADER_BYTES);
		}
	}

}
