package io.wsboot.autoconfigure.metrics;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.internal.handshake.HandshakeRequestParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PollingModel}.
 */
class PollingModelTests {

	private static final String BROWSER_REQUEST = "GET /chat/lobby HTTP/1.1\r\n" + "Host: example.com\r\n"
			+ "Connection: Upgrade\r\n" + "Upgrade: websocket\r\n" + "Origin: https://example.com\r\n"
			+ "Sec-WebSocket-Version: 13\r\n"
			+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Firefox/140.0\r\n" + "Cookie: SESSION=5f1d6e0c\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
			+ "Sec-WebSocket-Protocol: chat.v1, chat.v2\r\n" + "\r\n";

	private final HandshakeRequest request = parse(BROWSER_REQUEST);

	@Test
	void measuredRequestHeadLeavesOutEveryWebSocketOnlyField() {
		String polling = "GET /chat/lobby HTTP/1.1\r\n" + "Host: example.com\r\n" + "Connection: Upgrade\r\n"
				+ "Origin: https://example.com\r\n"
				+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Firefox/140.0\r\n"
				+ "Cookie: SESSION=5f1d6e0c\r\n" + "\r\n";
		assertThat(this.request.headBytes()).isEqualTo(BROWSER_REQUEST.length());
		assertThat(PollingModel.MEASURED.requestHeadBytes(this.request)).isEqualTo(polling.length());
		assertThat(PollingModel.MEASURED.overheadBytes(this.request)).isEqualTo(polling.length() + 105);
	}

	@Test
	void measuredRequestHeadCanKeepEveryField() {
		PollingModel model = new PollingModel(null, 105, false);
		assertThat(model.requestHeadBytes(this.request)).isEqualTo(BROWSER_REQUEST.length());
	}

	@Test
	void fixedRequestHeadIgnoresTheConnection() {
		assertThat(PollingModel.CLASSIC_871.overheadBytes(this.request)).isEqualTo(871);
	}

	@Test
	void negativeSizesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PollingModel(-1L, 105, true))
			.withMessageContaining("requestHeadBytes");
		assertThatIllegalArgumentException().isThrownBy(() -> new PollingModel(null, -1, true))
			.withMessageContaining("responseHeadBytes");
	}

	private static HandshakeRequest parse(String head) {
		HandshakeRequest request = new HandshakeRequestParser(8192).parse(
				ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)), new InetSocketAddress("127.0.0.1", 50000));
		assertThat(request).isNotNull();
		return request;
	}

}
