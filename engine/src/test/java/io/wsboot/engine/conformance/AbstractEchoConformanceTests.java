package io.wsboot.engine.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance tests against the echo endpoint of {@link EchoServerFixture}: a server per
 * test, and a raw client already upgraded on it.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class AbstractEchoConformanceTests {

	EchoServerFixture fixture;

	RawWsClient client;

	/**
	 * Whether to run over {@code wss://}; the {@code ...OverTls...} subclasses say yes.
	 * @return {@code true} for TLS
	 */
	boolean secure() {
		return false;
	}

	@BeforeEach
	void startServer() throws IOException {
		this.fixture = EchoServerFixture.start(secure(), UnaryOperator.identity());
		this.client = this.fixture.open();
	}

	@AfterEach
	void stopServer() {
		this.fixture.close();
	}

	/**
	 * Read the next frame and require it to be the unfragmented echo of a payload.
	 * @param firstByte the FIN bit and opcode expected, such as {@code 0x81}
	 * @param payload the payload expected
	 * @throws IOException on I/O errors
	 */
	void assertEcho(int firstByte, byte[] payload) throws IOException {
		assertEcho(this.client, firstByte, payload);
	}

	static void assertEcho(RawWsClient client, int firstByte, byte[] payload) throws IOException {
		ServerFrame echo = client.readFrame();
		// RFC 6455 §5.2: the minimal number of bytes MUST be used to encode the length
		assertThat(echo.header()).containsExactly(expectedHeader(firstByte, payload.length));
		assertThat(echo.payload()).isEqualTo(payload);
	}

	/**
	 * Send a text message and require its echo, to show that a connection still works.
	 * @param client an upgraded client on the echo endpoint
	 * @throws IOException on I/O errors
	 */
	static void assertStillEchoes(RawWsClient client) throws IOException {
		client.send(ClientFrames.text("still alive"));
		ServerFrame echo = client.readFrame();
		assertThat(echo.header()).containsExactly(0x81, 11);
		assertThat(echo.text()).isEqualTo("still alive");
	}

	/**
	 * Return the header a server must write for an unmasked frame: the minimal length
	 * encoding of RFC 6455 §5.2.
	 */
	static byte[] expectedHeader(int firstByte, long length) {
		if (length <= 125) {
			return new byte[] { (byte) firstByte, (byte) length };
		}
		if (length <= 0xFFFF) {
			return new byte[] { (byte) firstByte, 126, (byte) (length >>> 8), (byte) length };
		}
		return ByteBuffer.allocate(10).put((byte) firstByte).put((byte) 127).putLong(length).array();
	}

}
