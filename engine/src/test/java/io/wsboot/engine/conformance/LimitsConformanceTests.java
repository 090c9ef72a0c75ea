package io.wsboot.engine.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsboot.engine.testclient.ClientFrames.BINARY;
import static io.wsboot.engine.testclient.ClientFrames.CONTINUATION;
import static io.wsboot.engine.testclient.ClientFrames.TEXT;
import static io.wsboot.engine.testclient.ClientFrames.fragment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Size limits on the wire (RFC 6455 §10.4, close code 1009 of §7.4.1): a frame's declared
 * length is refused before its payload arrives, and continuation frames count toward the
 * message limit.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LimitsConformanceTests {

	private static final int MAX_FRAME_BYTES = 1024;

	private static final int MAX_MESSAGE_BYTES = 4096;

	private static final String LIMITED_PATH = "/limited";

	private static final String DEFAULTS_PATH = "/defaults";

	private EchoServerFixture fixture;

	@BeforeEach
	void startServer() throws IOException {
		WsLimits limits = WsLimits.builder()
			.maxFramePayloadBytes(MAX_FRAME_BYTES)
			.maxMessageBytes(MAX_MESSAGE_BYTES)
			.build();
		this.fixture = EchoServerFixture.start(UnaryOperator.identity(),
				Endpoint.of(LIMITED_PATH, RecordingHandler.echo()).withLimits(limits),
				Endpoint.of(DEFAULTS_PATH, RecordingHandler.echo()));
	}

	@AfterEach
	void stopServer() {
		this.fixture.close();
	}

	@Nested
	@DisplayName("RFC 6455 §10.4 frame payload limit")
	class FrameLimit {

		@Test
		void frameAtTheLimitIsEchoed() throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			byte[] payload = ClientFrames.pattern(MAX_FRAME_BYTES);
			client.send(ClientFrames.binary(payload));
			AbstractEchoConformanceTests.assertEcho(client, 0x82, payload);
		}

		@ParameterizedTest(name = "opcode {0}, one byte over the frame limit -> 1009 (Autobahn 9.x)")
		@ValueSource(ints = { TEXT, BINARY })
		void frameOverTheLimitCloses1009(int opcode) throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			client.send(ClientFrames.frame(true, 0, opcode, ClientFrames.asciiPattern(MAX_FRAME_BYTES + 1)));
			// RFC 6455 §7.4.1: 1009, a message too big to process
			client.expectFailure(1009);
		}

		@ParameterizedTest(name = "header alone declaring {0} bytes -> 1009 without waiting for the payload")
		@ValueSource(longs = { MAX_FRAME_BYTES + 1, 65535, 65536, 1L << 32, 1L << 62, Long.MAX_VALUE })
		void declaredLengthOverTheLimitCloses1009BeforeThePayload(long declared) throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			// no payload follows: the server must decide from the header alone
			client.send(ClientFrames.header(true, 0, BINARY, declared, ClientFrames.randomMaskKey()));
			client.expectFailure(1009);
		}

		@ParameterizedTest(name = "64-bit length 0x{0} with the most significant bit set -> 1002")
		@ValueSource(strings = { "8000000000000000", "ffffffffffffffff" })
		void lengthWithMostSignificantBitSetCloses1002(String hexLength) throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			long declared = Long.parseUnsignedLong(hexLength, 16);
			// RFC 6455 §5.2: the most significant bit of the 64-bit length MUST be 0;
			// our choice: a malformed header is a protocol error, not a size one
			client.send(ClientFrames.header(true, 0, BINARY, declared, ClientFrames.randomMaskKey()));
			client.expectFailure(1002);
		}

		@Test
		void echoEndpointRefusesOneByteOver16MebibytesFromTheHeader() throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open();
			client.send(ClientFrames.header(true, 0, BINARY, EchoServerFixture.ECHO_MAX_MESSAGE_BYTES + 1L,
					ClientFrames.randomMaskKey()));
			client.expectFailure(1009);
		}

		@Test
		void defaultLimitsAcceptOneMebibyte() throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(DEFAULTS_PATH);
			byte[] payload = ClientFrames.pattern((int) WsLimits.DEFAULT_MAX_FRAME_PAYLOAD_BYTES);
			client.send(ClientFrames.binary(payload));
			AbstractEchoConformanceTests.assertEcho(client, 0x82, payload);
		}

		@Test
		void defaultLimitsRefuseOneByteOverOneMebibyte() throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(DEFAULTS_PATH);
			client.send(ClientFrames.header(true, 0, TEXT, WsLimits.DEFAULT_MAX_FRAME_PAYLOAD_BYTES + 1,
					ClientFrames.randomMaskKey()));
			client.expectFailure(1009);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §10.4 message limit across continuation frames")
	class MessageLimit {

		@Test
		void manyTinyFragmentsOverTheLimitClose1009() throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			client.send(ClientFrames.fragmented(BINARY, ClientFrames.pattern(MAX_MESSAGE_BYTES + 1), 1));
			client.expectFailure(1009);
		}

		@ParameterizedTest(name = "opcode {0}: exactly the limit in four fragments is echoed")
		@ValueSource(ints = { TEXT, BINARY })
		void messageAtTheLimitIsEchoed(int opcode) throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			byte[] payload = ClientFrames.asciiPattern(MAX_MESSAGE_BYTES);
			client.send(ClientFrames.fragmented(opcode, payload, MAX_FRAME_BYTES));
			AbstractEchoConformanceTests.assertEcho(client, 0x80 | opcode, payload);
		}

		@ParameterizedTest(name = "opcode {0}: the fragment that crosses the limit -> 1009 before the final one")
		@ValueSource(ints = { TEXT, BINARY })
		void messageOverTheLimitCloses1009AtTheCrossingFragment(int opcode) throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			byte[] part = ClientFrames.asciiPattern(1000);
			client.send(fragment(opcode, false, part));
			for (int i = 1; i < 4; i++) {
				client.send(fragment(CONTINUATION, false, part));
			}
			client.assertStaysOpen(Duration.ofMillis(100));
			// 5000 bytes > 4096: refused now, although FIN has not been seen
			client.send(fragment(CONTINUATION, false, part));
			ServerFrame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1009);
			client.sendQuietly(fragment(CONTINUATION, true, part));
			client.sendQuietly(ClientFrames.close(1009, ""));
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}

		@Test
		void limitAppliesToEachMessageNotToTheConnection() throws IOException {
			RawWsClient client = LimitsConformanceTests.this.fixture.open(LIMITED_PATH);
			byte[] payload = ClientFrames.pattern(MAX_MESSAGE_BYTES);
			for (int i = 0; i < 3; i++) {
				client.send(ClientFrames.fragmented(BINARY, payload, MAX_FRAME_BYTES));
				AbstractEchoConformanceTests.assertEcho(client, 0x82, payload);
			}
		}

	}

}
