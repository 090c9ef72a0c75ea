package io.wsboot.engine.conformance;

import java.io.IOException;
import java.util.stream.Stream;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base framing on the wire (RFC 6455 §5.1-§5.3): payload lengths and their minimal
 * encoding, frames spread over or packed into TCP segments, masking, reserved bits and
 * reserved opcodes, and the order of processing.
 *
 * @author wsboot
 */
class FramingConformanceTests extends AbstractEchoConformanceTests {

	private static final int MIB = 1024 * 1024;

	static Stream<Arguments> messageLengths() {
		return Stream.of(0, 1, 125, 126, 127, 128, 65535, 65536, 16 * MIB)
			.flatMap((length) -> Stream.of(Arguments.of("text", length, "1.1.x"),
					Arguments.of("binary", length, "1.2.x")));
	}

	@Nested
	@DisplayName("RFC 6455 §5.2 payload lengths")
	class Lengths {

		@ParameterizedTest(name = "{0} of {1} bytes (Autobahn {2})")
		@MethodSource("io.wsboot.engine.conformance.FramingConformanceTests#messageLengths")
		void messageIsEchoedWithMinimalLengthEncoding(String type, int length, String autobahn) throws IOException {
			boolean text = type.equals("text");
			byte[] payload = text ? ClientFrames.asciiPattern(length) : ClientFrames.pattern(length);
			FramingConformanceTests.this.client.send(text ? ClientFrames.text(payload) : ClientFrames.binary(payload));
			assertEcho(text ? 0x81 : 0x82, payload);
		}

		@ParameterizedTest(name = "65536 bytes sent in chunks of {0} (Autobahn 1.1.7, 1.2.7)")
		@ValueSource(ints = { 997, 4096 })
		void frameSentInChunksIsEchoed(int chunk) throws IOException {
			byte[] payload = ClientFrames.pattern(65536);
			FramingConformanceTests.this.client.sendInChunks(ClientFrames.binary(payload), chunk);
			assertEcho(0x82, payload);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 frames and TCP segments")
	class Segments {

		@Test
		void severalFramesInOneWriteAreAnsweredInOrder() throws IOException {
			FramingConformanceTests.this.client.send(ClientFrames.concat(ClientFrames.text("one"),
					ClientFrames.binary(new byte[] { 2 }), ClientFrames.ping(ClientFrames.utf8("three")),
					ClientFrames.text(""), ClientFrames.text("five")));
			assertEcho(0x81, ClientFrames.utf8("one"));
			assertEcho(0x82, new byte[] { 2 });
			assertEcho(0x8A, ClientFrames.utf8("three"));
			assertEcho(0x81, new byte[0]);
			assertEcho(0x81, ClientFrames.utf8("five"));
		}

		@ParameterizedTest(name = "frame with {0}-byte payload sent byte by byte")
		@ValueSource(ints = { 5, 126, 300 })
		void frameSplitByteByByteIsEchoed(int length) throws IOException {
			byte[] payload = ClientFrames.asciiPattern(length);
			FramingConformanceTests.this.client.sendInChunks(ClientFrames.text(payload), 1);
			assertEcho(0x81, payload);
		}

		@Test
		void sixtyFourBitLengthHeaderSplitByteByByteIsEchoed() throws IOException {
			byte[] payload = ClientFrames.pattern(65536);
			byte[] frame = ClientFrames.binary(payload);
			// 2 + 8 length + 4 mask bytes, one write each, then the payload at once
			byte[] header = new byte[14];
			System.arraycopy(frame, 0, header, 0, header.length);
			FramingConformanceTests.this.client.sendInChunks(header, 1);
			byte[] rest = new byte[frame.length - header.length];
			System.arraycopy(frame, header.length, rest, 0, rest.length);
			FramingConformanceTests.this.client.send(rest);
			assertEcho(0x82, payload);
		}

		@Test
		void controlFramesNeverCutIntoALargeOutboundFrame() throws IOException {
			// RFC 6455 §5.4: control frames may come between fragments, never inside a
			// frame; the 16 MiB echo is still being written when the pongs are queued
			byte[] payload = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
			byte[][] frames = new byte[6][];
			frames[0] = ClientFrames.binary(payload);
			for (int i = 1; i < frames.length; i++) {
				frames[i] = ClientFrames.ping(ClientFrames.utf8("ping " + i));
			}
			FramingConformanceTests.this.client.send(ClientFrames.concat(frames));
			int pongs = 0;
			boolean echoed = false;
			for (int i = 0; i < frames.length; i++) {
				ServerFrame frame = FramingConformanceTests.this.client.readFrame();
				if (frame.opcode() == ClientFrames.PONG) {
					pongs++;
					assertThat(frame.text()).isEqualTo("ping " + pongs);
				}
				else {
					assertThat(frame.header()).containsExactly(expectedHeader(0x82, payload.length));
					assertThat(frame.payload()).isEqualTo(payload);
					echoed = true;
				}
			}
			assertThat(echoed).isTrue();
			assertThat(pongs).isEqualTo(5);
		}

		@Test
		void closeReplyNeverCutsIntoALargeOutboundFrame() throws IOException {
			byte[] payload = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
			FramingConformanceTests.this.client
				.send(ClientFrames.concat(ClientFrames.binary(payload), ClientFrames.close(1000, "")));
			assertEcho(0x82, payload);
			assertThat(FramingConformanceTests.this.client.readClose().closeCode()).isEqualTo(1000);
			FramingConformanceTests.this.client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}

		@Test
		void framesStraddlingWritesAreEchoed() throws IOException {
			byte[] frames = ClientFrames.concat(ClientFrames.text("alpha"), ClientFrames.text("beta"),
					ClientFrames.text("gamma"));
			// 7-byte writes cut every header and payload somewhere
			FramingConformanceTests.this.client.sendInChunks(frames, 7);
			assertEcho(0x81, ClientFrames.utf8("alpha"));
			assertEcho(0x81, ClientFrames.utf8("beta"));
			assertEcho(0x81, ClientFrames.utf8("gamma"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.1, §5.3 masking")
	class Masking {

		@ParameterizedTest(name = "unmasked frame with opcode {0} -> 1002")
		@ValueSource(ints = { ClientFrames.TEXT, ClientFrames.BINARY, ClientFrames.PING, ClientFrames.PONG,
				ClientFrames.CLOSE })
		void unmaskedClientFrameClosesWith1002(int opcode) throws IOException {
			byte[] payload = (opcode == ClientFrames.CLOSE) ? ClientFrames.closePayload(1000, new byte[0])
					: ClientFrames.utf8("unmasked");
			// RFC 6455 §5.1: a server MUST close the connection on an unmasked frame
			FramingConformanceTests.this.client.send(ClientFrames.frame(true, 0, opcode, payload, null));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void allZeroMaskKeyIsStillMasked() throws IOException {
			byte[] payload = ClientFrames.utf8("zero key");
			FramingConformanceTests.this.client
				.send(ClientFrames.frame(true, 0, ClientFrames.TEXT, payload, new byte[4]));
			assertEcho(0x81, payload);
		}

		@Test
		void maskKeyIsAppliedAtEveryOffset() throws IOException {
			byte[] payload = ClientFrames.pattern(1031);
			FramingConformanceTests.this.client
				.send(ClientFrames.frame(true, 0, ClientFrames.BINARY, payload, ClientFrames.hex("ff 00 aa 55")));
			assertEcho(0x82, payload);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 reserved bits")
	class ReservedBits {

		@ParameterizedTest(name = "RSV bits {0} on a text frame -> 1002 (Autobahn 3.1-3.4)")
		@ValueSource(ints = { 0x40, 0x20, 0x10, 0x60, 0x50, 0x30, 0x70 })
		void reservedBitsOnTextClose1002(int rsv) throws IOException {
			// RFC 6455 §5.2: a non-zero RSV bit without a negotiated extension fails
			// the connection
			FramingConformanceTests.this.client
				.send(ClientFrames.frame(true, rsv, ClientFrames.TEXT, ClientFrames.utf8("Hello")));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "RSV1 on opcode {0} -> 1002 (Autobahn 3.5-3.7)")
		@ValueSource(ints = { ClientFrames.BINARY, ClientFrames.PING, ClientFrames.PONG, ClientFrames.CLOSE })
		void reservedBitOnOtherFramesCloses1002(int opcode) throws IOException {
			byte[] payload = (opcode == ClientFrames.CLOSE) ? ClientFrames.closePayload(1000, new byte[0])
					: new byte[] { 1, 2, 3 };
			FramingConformanceTests.this.client.send(ClientFrames.frame(true, ClientFrames.RSV1, opcode, payload));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void reservedBitOnContinuationCloses1002() throws IOException {
			FramingConformanceTests.this.client.send(ClientFrames.concat(
					ClientFrames.fragment(ClientFrames.TEXT, false, ClientFrames.utf8("Hel")),
					ClientFrames.frame(true, ClientFrames.RSV1, ClientFrames.CONTINUATION, ClientFrames.utf8("lo"))));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void reservedBitAfterAValidEchoCloses1002AfterTheEcho() throws IOException {
			// Autobahn 3.2: the valid frame is answered before the connection fails
			FramingConformanceTests.this.client.send(ClientFrames.concat(ClientFrames.text("Hello"),
					ClientFrames.frame(true, ClientFrames.RSV2, ClientFrames.TEXT, ClientFrames.utf8("Hello"))));
			assertEcho(0x81, ClientFrames.utf8("Hello"));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.2 reserved opcodes")
	class ReservedOpcodes {

		@ParameterizedTest(name = "empty frame with opcode {0} -> 1002 (Autobahn 4.1.1, 4.2.1)")
		@ValueSource(ints = { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
		void reservedOpcodeCloses1002(int opcode) throws IOException {
			// RFC 6455 §5.2: an unknown opcode fails the connection
			FramingConformanceTests.this.client.send(ClientFrames.frame(true, 0, opcode, new byte[0]));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "frame with payload and opcode {0} -> 1002 (Autobahn 4.1.2, 4.2.2)")
		@ValueSource(ints = { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
		void reservedOpcodeWithPayloadCloses1002(int opcode) throws IOException {
			FramingConformanceTests.this.client
				.send(ClientFrames.frame(true, 0, opcode, ClientFrames.utf8("reserved")));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "echo, opcode {0}, ping in one write -> echo then 1002 (Autobahn 4.1.3, 4.2.3)")
		@ValueSource(ints = { 5, 0xD })
		void reservedOpcodeBetweenValidFramesClosesAfterTheFirst(int opcode) throws IOException {
			FramingConformanceTests.this.client.send(ClientFrames.concat(ClientFrames.text("Hello"),
					ClientFrames.frame(true, 0, opcode, new byte[0]), ClientFrames.ping(new byte[0])));
			assertEcho(0x81, ClientFrames.utf8("Hello"));
			// RFC 6455 §7.1.7: after failing, nothing more is processed: no pong
			FramingConformanceTests.this.client.expectFailure(1002);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5 frames processed in order")
	class StrictOrder {

		@Test
		void validTextThenInvalidFrameInOneWriteEchoesBeforeClosing() throws IOException {
			FramingConformanceTests.this.client
				.send(ClientFrames.concat(ClientFrames.text("valid"), ClientFrames.frame(true, 0, 3, new byte[0])));
			assertEcho(0x81, ClientFrames.utf8("valid"));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void validTextThenInvalidUtf8InOneWriteEchoesBeforeClosing() throws IOException {
			FramingConformanceTests.this.client
				.send(ClientFrames.concat(ClientFrames.text("valid"), ClientFrames.text(ClientFrames.hex("c0 af"))));
			assertEcho(0x81, ClientFrames.utf8("valid"));
			FramingConformanceTests.this.client.expectFailure(1007);
		}

		@Test
		void pingThenUnmaskedFrameInOneWritePongsBeforeClosing() throws IOException {
			FramingConformanceTests.this.client.send(ClientFrames.concat(ClientFrames.ping(ClientFrames.utf8("p")),
					ClientFrames.frame(true, 0, ClientFrames.TEXT, ClientFrames.utf8("x"), null)));
			assertEcho(0x8A, ClientFrames.utf8("p"));
			FramingConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void manyValidFramesThenInvalidFrameEchoesAllBeforeClosing() throws IOException {
			byte[][] frames = new byte[21][];
			for (int i = 0; i < 20; i++) {
				frames[i] = ClientFrames.text("message " + i);
			}
			frames[20] = ClientFrames.frame(true, ClientFrames.RSV3, ClientFrames.BINARY, new byte[0]);
			FramingConformanceTests.this.client.send(ClientFrames.concat(frames));
			for (int i = 0; i < 20; i++) {
				assertEcho(0x81, ClientFrames.utf8("message " + i));
			}
			FramingConformanceTests.this.client.expectFailure(1002);
		}

	}

}
