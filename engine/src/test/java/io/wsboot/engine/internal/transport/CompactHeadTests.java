package io.wsboot.engine.internal.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CompactHead}: the kept request head expands to the exact bytes
 * received.
 *
 * @author wsboot
 */
class CompactHeadTests {

	/** The RFC 6455 §1.2 sample request, with its header lines in the usual order. */
	private static final String RFC_SAMPLE = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\n"
			+ "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\n"
			+ "Sec-WebSocket-Version: 13\r\n\r\n";

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	@Nested
	@DisplayName("RFC 6455 §4.1 request heads")
	class RequestHeads {

		@Test
		void rfc6455Section1_2SampleExpandsToTheBytesReceived() {
			byte[] head = bytes(RFC_SAMPLE);
			byte[] compact = CompactHead.compact(head);
			assertThat(CompactHead.expand(compact)).isEqualTo(head);
			assertThat(CompactHead.expandedLength(compact)).isEqualTo(head.length);
		}

		@Test
		void rfc6455Section1_2SampleKeepsUnder40PercentOfItsBytes() {
			byte[] head = bytes(RFC_SAMPLE);
			assertThat(CompactHead.compact(head)).hasSizeLessThan(head.length * 40 / 100);
		}

		@Test
		void requestLineAndLineEndsBecomeOneByteEach() {
			// codes: 0x00 "GET ", 0x01 " HTTP/1.1\r\n", 0x17 "\r\n"
			assertThat(CompactHead.compact(bytes("GET /a HTTP/1.1\r\n\r\n"))).containsExactly(0x00, '/', 'a', 0x01,
					0x17);
		}

		@Test
		void rfc6455Section1_2SampleKeyLineBecomesItsSixteenBytes() {
			byte[] compact = CompactHead.compact(bytes("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
			byte[] expected = new byte[17];
			expected[0] = 0x1E;
			System.arraycopy(bytes("the sample nonce"), 0, expected, 1, 16);
			assertThat(compact).isEqualTo(expected);
		}

		@ParameterizedTest(name = "key {0}")
		@ValueSource(strings = { "AAECAwQFBgcICQoLDA0ODw==", "dGhlIHNhbXBsZSBub25jZR==", "dGhlIHNhbXBsZSBub25jZQ",
				"not base64 at all!!!!!!!", "dGhlIHNhbXBsZSBub25jZQ==x" })
		void anyKeyExpandsToTheBytesReceived(String key) {
			byte[] head = bytes("GET / HTTP/1.1\r\nSec-WebSocket-Key: " + key + "\r\n\r\n");
			byte[] compact = CompactHead.compact(head);
			assertThat(CompactHead.expand(compact)).isEqualTo(head);
			assertThat(CompactHead.expandedLength(compact)).isEqualTo(head.length);
		}

		@Test
		void browserHeadExpandsToTheBytesReceived() {
			byte[] head = bytes("GET /ws?room=1 HTTP/1.1\r\nHost: localhost:8080\r\nConnection: Upgrade\r\n"
					+ "Pragma: no-cache\r\nCache-Control: no-cache\r\n"
					+ "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\r\nUpgrade: websocket\r\n"
					+ "Origin: https://localhost:8080\r\nSec-WebSocket-Version: 13\r\n"
					+ "Accept-Encoding: gzip, deflate, br\r\nAccept-Language: en-GB,en;q=0.9\r\n"
					+ "Cookie: a=b\r\nSec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\n"
					+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
			byte[] compact = CompactHead.compact(head);
			assertThat(CompactHead.expand(compact)).isEqualTo(head);
			assertThat(CompactHead.expandedLength(compact)).isEqualTo(head.length);
		}

	}

	@Nested
	@DisplayName("bytes below 0x20 in the head")
	class ControlBytes {

		@ParameterizedTest(name = "byte 0x{0}")
		@ValueSource(strings = { "00", "09", "0a", "0d", "17", "1e", "1f" })
		void areEscapedAndExpandToThemselves(String hex) {
			byte value = (byte) Integer.parseInt(hex, 16);
			byte[] head = bytes("GET / HTTP/1.1\r\nX: a\tb\r\nY: ?\n\r\n");
			head[head.length - 4] = value;
			byte[] compact = CompactHead.compact(head);
			assertThat(CompactHead.expand(compact)).isEqualTo(head);
			assertThat(CompactHead.expandedLength(compact)).isEqualTo(head.length);
		}

		@Test
		void aTabIsKeptAfterAnEscapeByte() {
			assertThat(CompactHead.compact(bytes("a\tb"))).containsExactly('a', 0x1F, '\t', 'b');
		}

	}

	@Test
	void randomMixesOfDictionaryTextKeysAndAnyBytesExpandToThemselves() {
		// dictionary entries, the key line and its near misses, and every byte value
		String[] pieces = { "GET ", " HTTP/1.1\r\n", "Upgrade: websocket\r\n", "Sec-WebSocket-Key: ",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=\r\n",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZR==\r\n", "\r\n", "Host: ", "http://" };
		Random random = new Random(6455);
		for (int round = 0; round < 20_000; round++) {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int parts = random.nextInt(12);
			for (int i = 0; i < parts; i++) {
				if (random.nextBoolean()) {
					head.writeBytes(bytes(pieces[random.nextInt(pieces.length)]));
				}
				else {
					head.write(random.nextInt(256));
				}
			}
			byte[] received = head.toByteArray();
			byte[] compact = CompactHead.compact(received);
			assertThat(CompactHead.expand(compact)).as("round %d", round).containsExactly(received);
			assertThat(CompactHead.expandedLength(compact)).isEqualTo(received.length);
		}
	}

	@Test
	void emptyHeadStaysEmpty() {
		assertThat(CompactHead.compact(new byte[0])).isEmpty();
		assertThat(CompactHead.expand(new byte[0])).isEmpty();
	}

}
