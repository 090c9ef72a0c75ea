package io.wsboot.benchmarks.jmh;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.internal.handshake.AcceptKey;
import io.wsboot.engine.internal.handshake.HandshakeRequestParser;
import io.wsboot.engine.internal.handshake.HandshakeResponses;
import io.wsboot.engine.internal.handshake.HandshakeValidator;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The opening handshake (RFC 6455 §4.2.1): parsing a browser's upgrade request head,
 * validating it and computing {@code Sec-WebSocket-Accept}.
 *
 * @author wsboot
 */
public class HandshakeBenchmark extends AbstractBenchmark {

	/** A request as Chrome sends it, 520 bytes. */
	private static final byte[] BROWSER_REQUEST = ("GET /chat/lobby?token=abc123 HTTP/1.1\r\n"
			+ "Host: example.com:8090\r\n" + "Connection: Upgrade\r\n" + "Pragma: no-cache\r\n"
			+ "Cache-Control: no-cache\r\n"
			+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36\r\n"
			+ "Upgrade: websocket\r\n" + "Origin: https://example.com\r\n" + "Sec-WebSocket-Version: 13\r\n"
			+ "Accept-Encoding: gzip, deflate, br\r\n" + "Accept-Language: en-US,en;q=0.9\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);

	private final ByteBuffer request = ByteBuffer.wrap(BROWSER_REQUEST);

	@Benchmark
	public HandshakeRequest parse() {
		return new HandshakeRequestParser(WsLimits.DEFAULT_MAX_HANDSHAKE_HEAD_BYTES).parse(this.request.duplicate(),
				REMOTE);
	}

	@Benchmark
	public HandshakeRequest parseAndValidate() {
		HandshakeRequest request = new HandshakeRequestParser(WsLimits.DEFAULT_MAX_HANDSHAKE_HEAD_BYTES)
			.parse(this.request.duplicate(), REMOTE);
		HandshakeValidator.validate(request);
		return request;
	}

	@Benchmark
	public String acceptKey() {
		return AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ==");
	}

	/**
	 * The accept value and the 101 response head, as the server writes them for a request
	 * without subprotocols or extensions.
	 * @return the response
	 */
	@Benchmark
	public ByteBuffer switchingProtocols() {
		return HandshakeResponses.switchingProtocols(AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ=="), null, List.of());
	}

	/**
	 * What {@code WsSession.handshakeRequest()} costs once the session is open: the
	 * connection keeps only the raw head and parses it again when asked.
	 * @return the request
	 */
	@Benchmark
	public HandshakeRequest parseKeptHead() {
		return HandshakeRequestParser.parseHead(BROWSER_REQUEST, REMOTE);
	}

}
