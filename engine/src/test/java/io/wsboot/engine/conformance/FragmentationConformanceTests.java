package io.wsboot.engine.conformance;

import java.io.IOException;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wsboot.engine.testclient.ClientFrames.BINARY;
import static io.wsboot.engine.testclient.ClientFrames.CONTINUATION;
import static io.wsboot.engine.testclient.ClientFrames.TEXT;
import static io.wsboot.engine.testclient.ClientFrames.fragment;
import static io.wsboot.engine.testclient.ClientFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fragmented messages on the wire (RFC 6455 §5.4), following Autobahn|Testsuite category
 * 5. The echo server always answers with one unfragmented frame, so a reassembled message
 * is checked byte for byte.
 *
 * @author wsboot
 */
class FragmentationConformanceTests extends AbstractEchoConformanceTests {

	private void assertPong(String payload) throws IOException {
		ServerFrame pong = this.client.readFrame();
		assertThat(pong.opcode()).isEqualTo(ClientFrames.PONG);
		assertThat(pong.text()).isEqualTo(payload);
	}

	@Nested
	@DisplayName("RFC 6455 §5.4 fragmented messages are reassembled")
	class Reassembly {

		@Test
		void textInTwoFragmentsInOneWriteIsOneMessage() throws IOException {
			// Autobahn 5.3
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(TEXT, false, utf8("fragment1")),
					fragment(CONTINUATION, true, utf8("fragment2"))));
			assertEcho(0x81, utf8("fragment1fragment2"));
		}

		@Test
		void textInTwoFragmentsInTwoWritesIsOneMessage() throws IOException {
			// Autobahn 5.4
			FragmentationConformanceTests.this.client.send(fragment(TEXT, false, utf8("fragment1")));
			FragmentationConformanceTests.this.client.send(fragment(CONTINUATION, true, utf8("fragment2")));
			assertEcho(0x81, utf8("fragment1fragment2"));
		}

		@Test
		void textInTwoFragmentsSentByteByByteIsOneMessage() throws IOException {
			// Autobahn 5.5
			FragmentationConformanceTests.this.client.sendInChunks(ClientFrames
				.concat(fragment(TEXT, false, utf8("fragment1")), fragment(CONTINUATION, true, utf8("fragment2"))), 1);
			assertEcho(0x81, utf8("fragment1fragment2"));
		}

		@ParameterizedTest(name = "text of {0} bytes in fragments of {1} bytes")
		@CsvSource({ "30, 10", "100, 1", "1000, 7", "65536, 1024", "70000, 65535" })
		void textInManyFragmentsIsOneMessage(int length, int fragmentSize) throws IOException {
			byte[] payload = ClientFrames.asciiPattern(length);
			FragmentationConformanceTests.this.client.send(ClientFrames.fragmented(TEXT, payload, fragmentSize));
			assertEcho(0x81, payload);
		}

		@ParameterizedTest(name = "binary of {0} bytes in fragments of {1} bytes")
		@CsvSource({ "30, 10", "100, 1", "65536, 1000" })
		void binaryInManyFragmentsIsOneMessage(int length, int fragmentSize) throws IOException {
			byte[] payload = ClientFrames.pattern(length);
			FragmentationConformanceTests.this.client.send(ClientFrames.fragmented(BINARY, payload, fragmentSize));
			assertEcho(0x82, payload);
		}

		@Test
		void sixteenMebibyteBinaryInSixteenFragmentsIsOneMessage() throws IOException {
			byte[] payload = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
			FragmentationConformanceTests.this.client.send(ClientFrames.fragmented(BINARY, payload, 1024 * 1024));
			assertEcho(0x82, payload);
		}

		@Test
		void emptyFragmentsAreAllowedEverywhere() throws IOException {
			// Autobahn 6.1.2, 6.1.3: empty first, middle and last fragments
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(TEXT, false, new byte[0]),
					fragment(CONTINUATION, false, utf8("middle")), fragment(CONTINUATION, false, new byte[0]),
					fragment(CONTINUATION, true, new byte[0])));
			assertEcho(0x81, utf8("middle"));
		}

		@Test
		void messageOfOnlyEmptyFragmentsIsAnEmptyMessage() throws IOException {
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(BINARY, false, new byte[0]),
					fragment(CONTINUATION, false, new byte[0]), fragment(CONTINUATION, true, new byte[0])));
			assertEcho(0x82, new byte[0]);
		}

		@Test
		void fragmentedMessagesFollowEachOther() throws IOException {
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(TEXT, false, utf8("a")),
					fragment(CONTINUATION, true, utf8("b")), fragment(BINARY, false, new byte[] { 1 }),
					fragment(CONTINUATION, true, new byte[] { 2 }), ClientFrames.text("c")));
			assertEcho(0x81, utf8("ab"));
			assertEcho(0x82, new byte[] { 1, 2 });
			assertEcho(0x81, utf8("c"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.4 control frames between fragments")
	class ControlFramesBetweenFragments {

		@Test
		void pingBetweenFragmentsIsAnsweredBeforeTheMessageCompletes() throws IOException {
			// Autobahn 5.6, 5.7: the pong arrives while the message is still open
			FragmentationConformanceTests.this.client
				.send(ClientFrames.concat(fragment(TEXT, false, utf8("fragment1")), ClientFrames.ping(utf8("ping"))));
			assertPong("ping");
			FragmentationConformanceTests.this.client.send(fragment(CONTINUATION, true, utf8("fragment2")));
			assertEcho(0x81, utf8("fragment1fragment2"));
		}

		@Test
		void pingBetweenFragmentsSentByteByByteIsAnsweredFirst() throws IOException {
			// Autobahn 5.8
			FragmentationConformanceTests.this.client
				.sendInChunks(ClientFrames.concat(fragment(TEXT, false, utf8("fragment1")),
						ClientFrames.ping(utf8("ping")), fragment(CONTINUATION, true, utf8("fragment2"))), 1);
			assertPong("ping");
			assertEcho(0x81, utf8("fragment1fragment2"));
		}

		@Test
		void pingsBetweenEveryFragmentAreAnsweredInOrder() throws IOException {
			// Autobahn 5.19, 5.20
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(TEXT, false, utf8("f1 ")),
					ClientFrames.ping(utf8("p1")), fragment(CONTINUATION, false, utf8("f2 ")),
					ClientFrames.ping(utf8("p2")), fragment(CONTINUATION, false, utf8("f3 ")),
					ClientFrames.ping(utf8("p3")), fragment(CONTINUATION, false, utf8("f4 ")),
					ClientFrames.ping(utf8("p4")), fragment(CONTINUATION, true, utf8("f5"))));
			for (int i = 1; i <= 4; i++) {
				assertPong("p" + i);
			}
			assertEcho(0x81, utf8("f1 f2 f3 f4 f5"));
		}

		@Test
		void pongBetweenFragmentsIsIgnored() throws IOException {
			FragmentationConformanceTests.this.client
				.send(ClientFrames.concat(fragment(BINARY, false, new byte[] { 1 }),
						ClientFrames.pong(utf8("unsolicited")), fragment(CONTINUATION, true, new byte[] { 2 })));
			assertEcho(0x82, new byte[] { 1, 2 });
		}

		@Test
		void closeBetweenFragmentsEndsTheConnectionWithoutTheMessage() throws IOException {
			// Autobahn 7.1.5; RFC 6455 §5.5.1: the partial message is never delivered
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(TEXT, false, utf8("frag")),
					ClientFrames.close(1000, ""), fragment(CONTINUATION, true, utf8("ment"))));
			ServerFrame close = FragmentationConformanceTests.this.client.readClose();
			assertThat(close.closeCode()).isEqualTo(1000);
			FragmentationConformanceTests.this.client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.4 fragmentation violations")
	class Violations {

		@Test
		void continuationAfterACompleteMessageCloses1002AfterItsEcho() throws IOException {
			// Autobahn 5.15
			FragmentationConformanceTests.this.client
				.send(ClientFrames.concat(fragment(TEXT, false, utf8("f1")), fragment(CONTINUATION, true, utf8("f2")),
						fragment(CONTINUATION, false, utf8("f3")), fragment(TEXT, true, utf8("f4"))));
			assertEcho(0x81, utf8("f1f2"));
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "continuation FIN={0} without a start -> 1002 (Autobahn 5.9, 5.12)")
		@ValueSource(booleans = { true, false })
		void continuationWithoutStartCloses1002(boolean fin) throws IOException {
			FragmentationConformanceTests.this.client.send(fragment(CONTINUATION, fin, utf8("fragment")));
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "continuation FIN={0} without a start, byte by byte -> 1002 (Autobahn 5.10, 5.13)")
		@ValueSource(booleans = { true, false })
		void continuationWithoutStartSentByteByByteCloses1002(boolean fin) throws IOException {
			FragmentationConformanceTests.this.client.sendInChunks(fragment(CONTINUATION, fin, utf8("fragment")), 1);
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "new opcode {0} while a text message is open -> 1002 (Autobahn 5.18)")
		@ValueSource(ints = { TEXT, BINARY })
		void newDataFrameWhileFragmentedCloses1002(int opcode) throws IOException {
			// RFC 6455 §5.4: fragments of one message are never interleaved with another
			FragmentationConformanceTests.this.client
				.send(ClientFrames.concat(fragment(TEXT, false, utf8("f1")), fragment(opcode, true, utf8("f2"))));
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void newFragmentedMessageWhileFragmentedCloses1002() throws IOException {
			FragmentationConformanceTests.this.client.send(ClientFrames
				.concat(fragment(BINARY, false, new byte[] { 1 }), fragment(BINARY, false, new byte[] { 2 })));
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void closeWithFinClearCloses1002() throws IOException {
			// RFC 6455 §5.5: control frames MUST NOT be fragmented
			FragmentationConformanceTests.this.client
				.send(ClientFrames.frame(false, 0, ClientFrames.CLOSE, ClientFrames.closePayload(1000, new byte[0])));
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void pingWithFinClearBetweenFragmentsCloses1002() throws IOException {
			FragmentationConformanceTests.this.client.send(ClientFrames.concat(fragment(TEXT, false, utf8("f1")),
					ClientFrames.frame(false, 0, ClientFrames.PING, utf8("p"))));
			FragmentationConformanceTests.this.client.expectFailure(1002);
		}

	}

}
