package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsProtocolException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CloseFrames} (RFC 6455 §5.5.1, §7.4).
 */
class CloseFramesTests {

	private static ByteBuffer closePayload(int code, byte[] reason) {
		return ByteBuffer.allocate(2 + reason.length).put((byte) (code >>> 8)).put((byte) code).put(reason).flip();
	}

	private static ByteBuffer closePayload(int code, String reason) {
		return closePayload(code, reason.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] content(ByteBuffer buffer) {
		byte[] content = new byte[buffer.remaining()];
		buffer.duplicate().get(content);
		return content;
	}

	@Nested
	@DisplayName("RFC 6455 §5.5.1, §7.4 parsing received close frames (Autobahn 7.x)")
	class Parsing {

		@ParameterizedTest(name = "code {0} is valid on the wire (Autobahn 7.7.x)")
		@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000,
				4999 })
		void validCodeParses(int code) {
			assertThat(CloseFrames.parse(closePayload(code, ""))).isEqualTo(new CloseStatus(code, ""));
		}

		@ParameterizedTest(name = "code {0} is invalid on the wire (Autobahn 7.9.x)")
		@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
		void invalidCodeClosesWith1002(int code) {
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> CloseFrames.parse(closePayload(code, "")))
				.withMessage("received close frame with invalid code " + code)
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
		}

		@Test
		void emptyPayloadIsNoStatus() {
			assertThat(CloseFrames.parse(ByteBuffer.allocate(0))).isEqualTo(CloseStatus.NO_STATUS);
		}

		@Test
		void onePayloadByteClosesWith1002() {
			// Autobahn 7.3.2
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> CloseFrames.parse(ByteBuffer.wrap(new byte[] { 0x03 })))
				.withMessage("received close frame with 1-byte payload")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
		}

		@Test
		void reasonIsDecoded() {
			assertThat(CloseFrames.parse(closePayload(1000, "bye κόσμε")))
				.isEqualTo(new CloseStatus(1000, "bye κόσμε"));
		}

		@Test
		void longestReasonIsDecoded() {
			String reason = "r".repeat(123);
			assertThat(CloseFrames.parse(closePayload(4000, reason))).isEqualTo(new CloseStatus(4000, reason));
		}

		@Test
		void invalidUtf8ReasonClosesWith1007() {
			// Autobahn 7.5.1
			byte[] reason = { (byte) 0xCE, (byte) 0xBA, (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> CloseFrames.parse(closePayload(1000, reason)))
				.withMessage("received close frame 1000 with a reason that is not valid UTF-8")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1007));
		}

		@Test
		void reasonEndingInsideASequenceClosesWith1007() {
			byte[] reason = { 'o', 'k', (byte) 0xE2, (byte) 0x82 };
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> CloseFrames.parse(closePayload(1001, reason)))
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1007));
		}

		@Test
		void payloadOver125BytesClosesWith1002() {
			assertThatExceptionOfType(WsProtocolException.class)
				.isThrownBy(() -> CloseFrames.parse(closePayload(1000, "r".repeat(124))))
				.withMessage("received close frame with 126-byte payload")
				.satisfies((ex) -> assertThat(ex.closeStatus().code()).isEqualTo(1002));
		}

		@Test
		void positionIsNotMoved() {
			ByteBuffer payload = ByteBuffer.allocate(10);
			payload.position(3);
			payload.put((byte) 0x03).put((byte) 0xE9).put((byte) 'x').flip().position(3);
			assertThat(CloseFrames.parse(payload)).isEqualTo(new CloseStatus(1001, "x"));
			assertThat(payload.position()).isEqualTo(3);
			assertThat(payload.limit()).isEqualTo(6);
		}

		@Test
		void directBuffer() {
			ByteBuffer payload = ByteBuffer.allocateDirect(4).put(content(closePayload(3000, "ab"))).flip();
			assertThat(CloseFrames.parse(payload)).isEqualTo(new CloseStatus(3000, "ab"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.1, §7.4.1 payloads to send")
	class Payloads {

		@Test
		void normalClosureIsTwoBytes() {
			assertThat(content(CloseFrames.payload(CloseStatus.NORMAL))).containsExactly(0x03, 0xE8);
		}

		@Test
		void reasonFollowsTheCodeInUtf8() {
			assertThat(content(CloseFrames.payload(new CloseStatus(4001, "κ")))).containsExactly(0x0F, 0xA1, 0xCE,
					0xBA);
		}

		@ParameterizedTest(name = "code {0} is never sent")
		@ValueSource(ints = { 1005, 1006, 1015 })
		void reservedCodesHaveAnEmptyPayload(int code) {
			assertThat(CloseFrames.payload(new CloseStatus(code, "ignored")).remaining()).isZero();
		}

		@ParameterizedTest(name = "code {0} cannot be sent")
		@ValueSource(ints = { 0, 999, 1004, 1016, 2000, 5000 })
		void codesInvalidOnTheWireAreRejected(int code) {
			assertThatIllegalArgumentException().isThrownBy(() -> CloseFrames.payload(new CloseStatus(code, "")))
				.withMessage("close code " + code + " may not be sent in a close frame");
		}

		@Test
		void payloadRoundTrips() {
			CloseStatus status = new CloseStatus(1011, "the server failed: κόσμε");
			assertThat(CloseFrames.parse(CloseFrames.payload(status))).isEqualTo(status);
		}

		@Test
		void longestReasonFitsAControlFrame() {
			ByteBuffer payload = CloseFrames.payload(new CloseStatus(1000, "r".repeat(CloseStatus.MAX_REASON_BYTES)));
			assertThat(payload.remaining()).isEqualTo(125);
		}

	}

}
