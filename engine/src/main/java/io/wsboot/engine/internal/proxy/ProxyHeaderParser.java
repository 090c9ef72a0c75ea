package io.wsboot.engine.internal.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads the PROXY protocol header (HAProxy's specification, versions 1 and 2) that a load
 * balancer sends ahead of the client's bytes, however it is split across reads.
 * Socketless: bytes in, a {@link ProxyHeader} or {@code null} ("need more bytes") out.
 *
 * <p>
 * Nothing is allocated from what the peer announces: a version 1 line is read into a
 * fixed array of {@value #MAX_V1_BYTES} bytes (the specification's maximum), and a
 * version 2 header's length is checked against {@value #MAX_V2_TRAILER_BYTES} bytes as
 * soon as its 16 fixed bytes are in; of the bytes that follow only the address block (at
 * most 36 bytes) is kept, the TLVs are skipped. One parser reads one connection's header.
 */
public final class ProxyHeaderParser {

	/** The longest version 1 header, through its CRLF. */
	public static final int MAX_V1_BYTES = 107;

	/**
	 * The most bytes a version 2 header may announce after its fixed 16: the address
	 * block and TLVs. Load balancers send an address block of 12 or 36 bytes and TLVs of
	 * a few hundred at most.
	 */
	public static final int MAX_V2_TRAILER_BYTES = 2048;

	private static final byte[] V1_SIGNATURE = "PROXY ".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private static final int V2_FIXED_BYTES = 16;

	private static final int IPV4_BLOCK_BYTES = 12;

	private static final int IPV6_BLOCK_BYTES = 36;

	private final boolean required;

	/** The bytes kept: signature, v1 line or v2 fixed part and address block. */
	private final byte[] scratch = new byte[MAX_V1_BYTES];

	private int length;

	private State state = State.SIGNATURE;

	/** Version 2: the bytes after the fixed 16 that are kept (the address block). */
	private int keep;

	/** Version 2: the bytes after the fixed 16 not read yet. */
	private int trailerLeft;

	/**
	 * Create a parser.
	 * @param required whether a connection without a header is an error, rather than one
	 * whose request starts at once
	 */
	public ProxyHeaderParser(boolean required) {
		this.required = required;
	}

	/**
	 * Read the next bytes of the header.
	 * @param buffer the bytes read, moved past the header's bytes (and no further)
	 * @return the header once complete, or {@code null} while more bytes are needed
	 * @throws ProxyHeaderException when the header is missing, malformed or too long
	 */
	public @Nullable ProxyHeader parse(ByteBuffer buffer) {
		while (buffer.hasRemaining()) {
			ProxyHeader header = switch (this.state) {
				case SIGNATURE -> signature(buffer.get());
				case V1_LINE -> v1Line(buffer.get());
				case V2_FIXED -> v2Fixed(buffer.get());
				case V2_TRAILER -> v2Trailer(buffer);
				case DONE -> throw new IllegalStateException("the header was read already");
			};
			if (header != null) {
				this.state = State.DONE;
				return header;
			}
		}
		return null;
	}

	private @Nullable ProxyHeader signature(byte b) {
		int index = this.length;
		this.scratch[this.length++] = b;
		boolean v1 = index < V1_SIGNATURE.length && matches(V1_SIGNATURE, index + 1);
		boolean v2 = index < V2_SIGNATURE.length && matches(V2_SIGNATURE, index + 1);
		if (v1 && index + 1 == V1_SIGNATURE.length) {
			this.state = State.V1_LINE;
		}
		else if (v2 && index + 1 == V2_SIGNATURE.length) {
			this.state = State.V2_FIXED;
		}
		else if (!v1 && !v2) {
			if (this.required) {
				throw ProxyHeaderException.missing("expected a PROXY protocol header but the connection starts with "
						+ printable(this.scratch, 0, this.length));
			}
			return ProxyHeader.absent(ByteBuffer.wrap(this.scratch, 0, this.length));
		}
		return null;
	}

	private boolean matches(byte[] signature, int count) {
		for (int i = 0; i < count; i++) {
			if (this.scratch[i] != signature[i]) {
				return false;
			}
		}
		return true;
	}

	private @Nullable ProxyHeader v1Line(byte b) {
		if (this.length == MAX_V1_BYTES) {
			throw ProxyHeaderException.invalid("PROXY v1 header has no CRLF within " + MAX_V1_BYTES + " bytes");
		}
		boolean afterCr = this.scratch[this.length - 1] == '\r';
		this.scratch[this.length++] = b;
		if (afterCr) {
			if (b != '\n') {
				throw ProxyHeaderException.invalid("PROXY v1 header has a CR without LF");
			}
			return parseV1Line();
		}
		if (b != '\r' && (b < 0x20 || b > 0x7E)) {
			throw ProxyHeaderException.invalid("PROXY v1 header contains the byte 0x" + Integer.toHexString(b & 0xFF));
		}
		return null;
	}

	/**
	 * Parse {@code PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\r\n}.
	 */
	private ProxyHeader parseV1Line() {
		String line = new String(this.scratch, V1_SIGNATURE.length, this.length - V1_SIGNATURE.length - 2,
				StandardCharsets.US_ASCII);
		if (line.equals("UNKNOWN") || line.startsWith("UNKNOWN ")) {
			// the rest of the line, whatever it is, is to be ignored
			return ProxyHeader.local(1);
		}
		String[] fields = line.split(" ", -1);
		if (fields.length != 5) {
			throw ProxyHeaderException.invalid("PROXY v1 header '" + line + "' does not have 5 fields");
		}
		boolean tcp4 = fields[0].equals("TCP4");
		if (!tcp4 && !fields[0].equals("TCP6")) {
			throw ProxyHeaderException.invalid("PROXY v1 header has the unknown protocol '" + fields[0] + "'");
		}
		InetAddress source = v1Address(fields[1], tcp4);
		InetAddress destination = v1Address(fields[2], tcp4);
		return ProxyHeader.proxied(1, new InetSocketAddress(source, v1Port(fields[3])),
				new InetSocketAddress(destination, v1Port(fields[4])));
	}

	private static InetAddress v1Address(String text, boolean tcp4) {
		InetAddress address = null;
		if (tcp4) {
			byte[] bytes = IpLiterals.parseIpv4(text, 0, text.length());
			address = (bytes != null) ? IpLiterals.byAddress(bytes) : null;
		}
		else if (text.indexOf(':') >= 0) {
			address = IpLiterals.parse(text);
		}
		if (address == null) {
			throw ProxyHeaderException.invalid(
					"PROXY v1 header has '" + text + "', which is not an " + (tcp4 ? "IPv4" : "IPv6") + " address");
		}
		return address;
	}

	private static int v1Port(String text) {
		int port = -1;
		if (!text.isEmpty() && text.length() <= 5 && (text.length() == 1 || text.charAt(0) != '0')) {
			port = 0;
			for (int i = 0; i < text.length() && port >= 0; i++) {
				char c = text.charAt(i);
				port = (c >= '0' && c <= '9') ? port * 10 + (c - '0') : -1;
			}
		}
		if (port < 0 || port > 65535) {
			throw ProxyHeaderException.invalid("PROXY v1 header has '" + text + "', which is not a port");
		}
		return port;
	}

	private @Nullable ProxyHeader v2Fixed(byte b) {
		this.scratch[this.length++] = b;
		if (this.length < V2_FIXED_BYTES) {
			return null;
		}
		int versionAndCommand = this.scratch[12] & 0xFF;
		if (versionAndCommand >> 4 != 2) {
			throw ProxyHeaderException.invalid("PROXY v2 header has the version " + (versionAndCommand >> 4));
		}
		int command = versionAndCommand & 0x0F;
		if (command > 1) {
			throw ProxyHeaderException.invalid("PROXY v2 header has the unknown command " + command);
		}
		int familyAndProtocol = this.scratch[13] & 0xFF;
		int family = familyAndProtocol >> 4;
		int protocol = familyAndProtocol & 0x0F;
		if (family > 3 || protocol > 2) {
			throw ProxyHeaderException.invalid(
					"PROXY v2 header has the unknown family and protocol 0x" + Integer.toHexString(familyAndProtocol));
		}
		int announced = ((this.scratch[14] & 0xFF) << 8) | (this.scratch[15] & 0xFF);
		// checked before a single byte of it is read
		if (announced > MAX_V2_TRAILER_BYTES) {
			throw ProxyHeaderException.invalid("PROXY v2 header announces " + announced
					+ " bytes of addresses and TLVs," + " more than the " + MAX_V2_TRAILER_BYTES + " allowed");
		}
		this.keep = 0;
		if (command == 1 && (family == 1 || family == 2)) {
			if (protocol != 1) {
				throw ProxyHeaderException.invalid("PROXY v2 header is for a "
						+ ((protocol == 2) ? "datagram" : "unspecified") + " protocol, not a TCP stream");
			}
			this.keep = (family == 1) ? IPV4_BLOCK_BYTES : IPV6_BLOCK_BYTES;
			if (announced < this.keep) {
				throw ProxyHeaderException.invalid("PROXY v2 header announces " + announced + " bytes, too few for the "
						+ ((family == 1) ? "TCP4" : "TCP6") + " address block of " + this.keep);
			}
		}
		this.trailerLeft = announced;
		this.state = State.V2_TRAILER;
		return (announced == 0) ? v2Complete() : null;
	}

	private @Nullable ProxyHeader v2Trailer(ByteBuffer buffer) {
		int kept = this.length - V2_FIXED_BYTES;
		while (kept < this.keep && buffer.hasRemaining()) {
			this.scratch[this.length++] = buffer.get();
			kept++;
			this.trailerLeft--;
		}
		// the TLVs: skipped, never kept
		int skip = Math.min(this.trailerLeft, buffer.remaining());
		buffer.position(buffer.position() + skip);
		this.trailerLeft -= skip;
		return (this.trailerLeft == 0) ? v2Complete() : null;
	}

	private ProxyHeader v2Complete() {
		if (this.keep == 0) {
			// LOCAL, or an unspecified or UNIX family: the peer's address stands
			return ProxyHeader.local(2);
		}
		int addressBytes = (this.keep == IPV4_BLOCK_BYTES) ? 4 : 16;
		int offset = V2_FIXED_BYTES;
		InetAddress source = address(offset, addressBytes);
		InetAddress destination = address(offset + addressBytes, addressBytes);
		int ports = offset + 2 * addressBytes;
		return ProxyHeader.proxied(2, new InetSocketAddress(source, port(ports)),
				new InetSocketAddress(destination, port(ports + 2)));
	}

	private InetAddress address(int offset, int count) {
		byte[] bytes = new byte[count];
		System.arraycopy(this.scratch, offset, bytes, 0, count);
		// an IPv4-mapped IPv6 address comes back as the IPv4 address it is
		return IpLiterals.byAddress(bytes);
	}

	private int port(int offset) {
		return ((this.scratch[offset] & 0xFF) << 8) | (this.scratch[offset + 1] & 0xFF);
	}

	/**
	 * Show the first bytes a connection sent, for a log line: printable ASCII as is, the
	 * rest as {@code \xNN}.
	 */
	private static String printable(byte[] bytes, int offset, int count) {
		StringBuilder text = new StringBuilder("'");
		for (int i = offset; i < offset + count; i++) {
			int b = bytes[i] & 0xFF;
			if (b >= 0x20 && b < 0x7F && b != '\\') {
				text.append((char) b);
			}
			else {
				text.append(String.format("\\x%02x", b));
			}
		}
		return text.append('\'').toString();
	}

	private enum State {

		SIGNATURE, V1_LINE, V2_FIXED, V2_TRAILER, DONE

	}

}
