package io.wsboot.engine.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes PROXY protocol headers, as a load balancer does, for tests.
 *
 * @author wsboot
 */
public final class ProxyHeaders {

	private static final byte[] V2_SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54,
			0x0A };

	private ProxyHeaders() {
	}

	/**
	 * A version 1 header.
	 * @param protocol {@code TCP4} or {@code TCP6}
	 * @param source the client's address
	 * @param sourcePort the client's port
	 * @param destination the address the client connected to
	 * @param destinationPort the port it connected to
	 * @return the bytes, through the CRLF
	 */
	public static byte[] v1(String protocol, String source, int sourcePort, String destination, int destinationPort) {
		return ("PROXY " + protocol + " " + source + " " + destination + " " + sourcePort + " " + destinationPort
				+ "\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * A version 2 PROXY header for TCP over IPv4.
	 * @param source the client's address
	 * @param sourcePort the client's port
	 * @param destination the address the client connected to
	 * @param destinationPort the port it connected to
	 * @return the bytes
	 */
	public static byte[] v2Tcp4(String source, int sourcePort, String destination, int destinationPort) {
		ByteBuffer block = ByteBuffer.allocate(12)
			.put(address(source))
			.put(address(destination))
			.putShort((short) sourcePort)
			.putShort((short) destinationPort);
		return v2(0x21, 0x11, block.array(), new byte[0]);
	}

	/**
	 * A version 2 PROXY header for TCP over IPv6.
	 * @param source the client's address
	 * @param sourcePort the client's port
	 * @param destination the address the client connected to
	 * @param destinationPort the port it connected to
	 * @return the bytes
	 */
	public static byte[] v2Tcp6(String source, int sourcePort, String destination, int destinationPort) {
		return v2(0x21, 0x21, tcp6Block(source, sourcePort, destination, destinationPort), new byte[0]);
	}

	static byte[] tcp6Block(String source, int sourcePort, String destination, int destinationPort) {
		return ByteBuffer.allocate(36)
			.put(address(source))
			.put(address(destination))
			.putShort((short) sourcePort)
			.putShort((short) destinationPort)
			.array();
	}

	/**
	 * A version 2 header.
	 * @param versionAndCommand the 13th byte
	 * @param familyAndProtocol the 14th byte
	 * @param addresses the address block
	 * @param tlvs the TLVs after it
	 * @return the bytes
	 */
	public static byte[] v2(int versionAndCommand, int familyAndProtocol, byte[] addresses, byte[] tlvs) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(v2Fixed(versionAndCommand, familyAndProtocol, addresses.length + tlvs.length));
		out.writeBytes(addresses);
		out.writeBytes(tlvs);
		return out.toByteArray();
	}

	/**
	 * The 16 fixed bytes of a version 2 header.
	 * @param versionAndCommand the 13th byte
	 * @param familyAndProtocol the 14th byte
	 * @param length the length it announces
	 * @return the bytes
	 */
	public static byte[] v2Fixed(int versionAndCommand, int familyAndProtocol, int length) {
		return ByteBuffer.allocate(16)
			.put(V2_SIGNATURE)
			.put((byte) versionAndCommand)
			.put((byte) familyAndProtocol)
			.putShort((short) length)
			.array();
	}

	private static byte[] address(String literal) {
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
