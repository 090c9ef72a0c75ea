package io.wsboot.engine.internal.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.internal.proxy.ProxyHeader.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ProxyHeaderParser}: HAProxy's PROXY protocol, versions 1 and 2, fed bytes
 * without sockets.
 *
 * @author wsboot
 */
class ProxyHeaderParserTests {

	private static final byte[] GET = "GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

	private static ByteBuffer ascii(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
	}

	private static ProxyHeader parse(boolean required, byte[] bytes) {
		return new ProxyHeaderParser(required).parse(ByteBuffer.wrap(bytes));
	}

	@Nested
	@DisplayName("PROXY protocol v1 (text)")
	class Version1 {

		@Test
		void tcp4HeaderGivesSourceAndDestinationAndStopsBeforeTheRequest() throws Exception {
			ByteBuffer buffer = ascii("PROXY TCP4 203.0.113.7 192.0.2.1 56324 8090\r\nGET /");
			ProxyHeader header = new ProxyHeaderParser(true).parse(buffer);
			assertThat(header.kind()).isEqualTo(Kind.PROXIED);
			assertThat(header.version()).isEqualTo(1);
			assertThat(header.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 56324));
			assertThat(header.destination()).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 8090));
			assertThat(StandardCharsets.US_ASCII.decode(buffer).toString()).isEqualTo("GET /");
		}

		@Test
		void tcp6Header() throws Exception {
			ProxyHeader header = parse(true,
					"PROXY TCP6 2001:db8::7 2001:db8::1 443 8090\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(header.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 443));
		}

		@Test
		void headerSplitByteByByte() throws Exception {
			ProxyHeaderParser parser = new ProxyHeaderParser(true);
			byte[] bytes = "PROXY TCP4 10.1.2.3 10.0.0.1 1000 2000\r\n".getBytes(StandardCharsets.US_ASCII);
			ProxyHeader header = null;
			for (byte b : bytes) {
				assertThat(header).isNull();
				header = parser.parse(ByteBuffer.wrap(new byte[] { b }));
			}
			assertThat(header.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 1000));
		}

		@Test
		void unknownKeepsThePeerAddress() {
			ProxyHeader header = parse(true,
					"PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(header.kind()).isEqualTo(Kind.LOCAL);
			assertThat(header.source()).isNull();
		}

		@Test
		void lineWithoutCrlfWithin107BytesIsRejected() {
			byte[] bytes = ("PROXY TCP4 " + "1".repeat(200)).getBytes(StandardCharsets.US_ASCII);
			assertThatExceptionOfType(ProxyHeaderException.class).isThrownBy(() -> parse(true, bytes))
				.withMessage("PROXY v1 header has no CRLF within 107 bytes");
		}

		@Test
		void ipv6AddressUnderTcp4IsRejected() {
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(() -> parse(true, "PROXY TCP4 ::1 ::1 1 2\r\n".getBytes(StandardCharsets.US_ASCII)))
				.withMessage("PROXY v1 header has '::1', which is not an IPv4 address");
		}

		@Test
		void hostNameIsRejectedNeverLookedUp() {
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(
						() -> parse(true, "PROXY TCP4 localhost 10.0.0.1 1 2\r\n".getBytes(StandardCharsets.US_ASCII)))
				.withMessage("PROXY v1 header has 'localhost', which is not an IPv4 address");
		}

		@Test
		void portOutOfRangeIsRejected() {
			assertThatExceptionOfType(ProxyHeaderException.class).isThrownBy(
					() -> parse(true, "PROXY TCP4 10.0.0.2 10.0.0.1 65536 2\r\n".getBytes(StandardCharsets.US_ASCII)))
				.withMessage("PROXY v1 header has '65536', which is not a port");
		}

		@Test
		void crWithoutLfIsRejected() {
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(() -> parse(true, "PROXY TCP4\rX".getBytes(StandardCharsets.US_ASCII)))
				.withMessage("PROXY v1 header has a CR without LF");
		}

	}

	@Nested
	@DisplayName("PROXY protocol v2 (binary)")
	class Version2 {

		@Test
		void tcp4Header() throws Exception {
			byte[] header = ProxyHeaders.v2Tcp4("198.51.100.9", 40000, "10.0.0.1", 8090);
			ByteBuffer buffer = ByteBuffer.allocate(header.length + GET.length).put(header).put(GET).flip();
			ProxyHeader parsed = new ProxyHeaderParser(true).parse(buffer);
			assertThat(parsed.kind()).isEqualTo(Kind.PROXIED);
			assertThat(parsed.version()).isEqualTo(2);
			assertThat(parsed.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("198.51.100.9"), 40000));
			assertThat(parsed.destination()).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 8090));
			assertThat(buffer.remaining()).isEqualTo(GET.length);
		}

		@Test
		void tcp6HeaderWithTlvsSplitByteByByte() throws Exception {
			byte[] header = ProxyHeaders.v2(0x21, 0x21,
					ProxyHeaders.tcp6Block("2001:db8::9", 40000, "2001:db8::1", 8090),
					new byte[] { 0x04, 0x00, 0x03, 'a', 'b', 'c' });
			ProxyHeaderParser parser = new ProxyHeaderParser(true);
			ProxyHeader parsed = null;
			for (byte b : header) {
				assertThat(parsed).isNull();
				parsed = parser.parse(ByteBuffer.wrap(new byte[] { b }));
			}
			assertThat(parsed.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 40000));
		}

		@Test
		void localCommandKeepsThePeerAddress() {
			ProxyHeader parsed = parse(true, ProxyHeaders.v2(0x20, 0x00, new byte[0], new byte[0]));
			assertThat(parsed.kind()).isEqualTo(Kind.LOCAL);
		}

		@Test
		void unixFamilyKeepsThePeerAddress() {
			ProxyHeader parsed = parse(true, ProxyHeaders.v2(0x21, 0x31, new byte[216], new byte[0]));
			assertThat(parsed.kind()).isEqualTo(Kind.LOCAL);
		}

		@Test
		void headerAnnouncing65535BytesIsRejectedAsSoonAsItsLengthIsIn() {
			byte[] fixed = ProxyHeaders.v2Fixed(0x21, 0x11, 65535);
			ByteBuffer buffer = ByteBuffer.wrap(fixed);
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(() -> new ProxyHeaderParser(true).parse(buffer))
				.withMessage("PROXY v2 header announces 65535 bytes of addresses and TLVs, more than the 2048 allowed");
		}

		@Test
		void lengthTooShortForTheAddressBlockIsRejected() {
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(() -> parse(true, ProxyHeaders.v2(0x21, 0x11, new byte[4], new byte[0])))
				.withMessage("PROXY v2 header announces 4 bytes, too few for the TCP4 address block of 12");
		}

		@Test
		void wrongVersionIsRejected() {
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(() -> parse(true, ProxyHeaders.v2(0x31, 0x11, new byte[12], new byte[0])))
				.withMessage("PROXY v2 header has the version 3");
		}

		@Test
		void datagramIsRejected() {
			assertThatExceptionOfType(ProxyHeaderException.class)
				.isThrownBy(() -> parse(true, ProxyHeaders.v2(0x21, 0x12, new byte[12], new byte[0])))
				.withMessage("PROXY v2 header is for a datagram protocol, not a TCP stream");
		}

	}

	@Nested
	@DisplayName("Required or optional")
	class Detection {

		@Test
		void requiredWithoutHeaderIsMissing() {
			assertThatExceptionOfType(ProxyHeaderException.class).isThrownBy(() -> parse(true, GET))
				.withMessage("expected a PROXY protocol header but the connection starts with 'G'")
				.matches(ProxyHeaderException::isMissing);
		}

		@Test
		void optionalWithoutHeaderReplaysWhatItTook() {
			ByteBuffer buffer = ascii("POST / HTTP/1.1\r\n");
			ProxyHeaderParser parser = new ProxyHeaderParser(false);
			ProxyHeader header = parser.parse(buffer);
			assertThat(header.kind()).isEqualTo(Kind.ABSENT);
			assertThat(StandardCharsets.US_ASCII.decode(header.replay()).toString()
					+ StandardCharsets.US_ASCII.decode(buffer))
				.isEqualTo("POST / HTTP/1.1\r\n");
		}

		@Test
		void optionalWithoutHeaderSplitAcrossReadsReplaysEveryByteTaken() {
			ProxyHeaderParser parser = new ProxyHeaderParser(false);
			assertThat(parser.parse(ascii("PR"))).isNull();
			ByteBuffer rest = ascii("OXX /");
			ProxyHeader header = parser.parse(rest);
			assertThat(StandardCharsets.US_ASCII.decode(header.replay()).toString()).isEqualTo("PROXX");
			assertThat(StandardCharsets.US_ASCII.decode(rest).toString()).isEqualTo(" /");
		}

		@Test
		void optionalWithHeaderReadsIt() {
			ProxyHeader header = parse(false, ProxyHeaders.v2Tcp4("198.51.100.9", 1, "10.0.0.1", 2));
			assertThat(header.kind()).isEqualTo(Kind.PROXIED);
		}

	}

}
