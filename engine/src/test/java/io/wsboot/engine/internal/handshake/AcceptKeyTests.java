package io.wsboot.engine.internal.handshake;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AcceptKey}.
 */
class AcceptKeyTests {

	@Nested
	@DisplayName("RFC 6455 §4.2.2 Sec-WebSocket-Accept")
	class Accept {

		@Test
		void rfc6455Section1_3SampleKey() {
			assertThat(AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		}

		@Test
		void seedKey() {
			assertThat(AcceptKey.compute("x3JJHMbDL1EzLkh9GBhXDw==")).isEqualTo("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
		}

		@Test
		void guidIsTheOneOfRfc6455Section1_3() {
			assertThat(AcceptKey.WEBSOCKET_GUID).isEqualTo("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
		}

		@Test
		void keyIsHashedAsTheStringReceivedNotDecoded() {
			// the same 16 bytes with other base64 text would give another answer, which
			// is
			// why the validator insists on the canonical encoding
			assertThat(AcceptKey.compute("x3JJHMbDL1EzLkh9GBhXDw=="))
				.isNotEqualTo(AcceptKey.compute("x3JJHMbDL1EzLkh9GBhXDw"));
		}

	}

}
