package io.wsboot.engine.fuzz;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import io.wsboot.engine.internal.extension.deflate.PerMessageDeflateFactory;
import io.wsboot.engine.internal.handshake.AcceptKey;
import io.wsboot.engine.internal.handshake.ExtensionHeaderParser;
import io.wsboot.engine.internal.handshake.HandshakeRequestParser;
import io.wsboot.engine.internal.handshake.HandshakeResponses;
import io.wsboot.engine.internal.handshake.HandshakeValidator;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the opening handshake (RFC 6455 §4.2.1) the way a connection runs it: the
 * request head arrives split at arbitrary points, then it is validated, its
 * {@code Sec-WebSocket-Extensions} offers are parsed and negotiated (RFC 7692 §7.1), and
 * a response is written. Only {@link WsHandshakeException} with a 4xx status may escape;
 * the head limit holds; every rejection can be answered.
 * <p>
 * Input layout: byte 0 picks the chunk size (0 = the whole rest at once), the rest is the
 * bytes a client sends. Seeds are in {@code HandshakeFuzzTestsInputs/upgradeRequest}.
 *
 * @author wsboot
 */
class HandshakeFuzzTests {

	/** A small head limit, so that the fuzzer reaches it (431) cheaply. */
	static final int MAX_HEAD_BYTES = 1024;

	private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

	private final PerMessageDeflateFactory deflate = new PerMessageDeflateFactory();

	@FuzzTest(maxDuration = "12s")
	@Timeout(value = 5, unit = TimeUnit.SECONDS)
	void upgradeRequest(byte[] input) {
		if (input.length == 0) {
			return;
		}
		int chunkBytes = input[0] & 0xFF;
		ByteBuffer wire = ByteBuffer.wrap(input, 1, input.length - 1).slice();
		HandshakeRequestParser parser = new HandshakeRequestParser(MAX_HEAD_BYTES);
		try {
			HandshakeRequest request = null;
			while (request == null && wire.hasRemaining()) {
				ByteBuffer chunk = Chunks.next(wire, chunkBytes);
				int before = chunk.remaining();
				request = parser.parse(chunk, CLIENT);
				int consumed = before - chunk.remaining();
				// a parser that takes nothing would make the connection spin on its input
				assertThat(consumed).isPositive();
				wire.position(wire.position() + consumed);
				if (request == null) {
					assertThat(chunk.hasRemaining()).as("bytes left over while more are needed").isFalse();
				}
			}
			if (request == null) {
				return;
			}
			assertThat(request.headBytes()).isBetween(1, MAX_HEAD_BYTES);
			HandshakeValidator.validate(request);
			List<ExtensionOffer> offers = ExtensionHeaderParser.parse(request.headerValues("sec-websocket-extensions"));
			List<ExtensionOffer> deflateOffers = offers.stream()
				.filter((offer) -> offer.name().equals(PerMessageDeflateFactory.NAME))
				.toList();
			List<String> elements = List.of();
			if (!deflateOffers.isEmpty()) {
				NegotiatedExtension negotiated = this.deflate.negotiate(deflateOffers);
				if (negotiated != null) {
					elements = List.of(negotiated.responseElement());
					negotiated.codec().release();
				}
			}
			ByteBuffer response = HandshakeResponses
				.switchingProtocols(AcceptKey.compute(request.header("sec-websocket-key")), null, elements);
			assertThat(StandardCharsets.US_ASCII.decode(response).toString()).startsWith("HTTP/1.1 101 ")
				.endsWith("\r\n\r\n");
		}
		catch (WsHandshakeException ex) {
			assertThat(ex.httpStatus()).isBetween(400, 499);
			// the rejection must be answerable: the reason cannot break the response
			ByteBuffer response = HandshakeResponses.error(ex);
			String text = StandardCharsets.UTF_8.decode(response).toString();
			assertThat(text).startsWith("HTTP/1.1 " + ex.httpStatus() + " ");
			assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).doesNotContain("\r").endsWith("\n");
		}
	}

}
