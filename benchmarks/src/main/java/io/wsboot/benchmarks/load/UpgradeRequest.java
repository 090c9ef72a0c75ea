package io.wsboot.benchmarks.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The opening handshake every connection of the load generator sends (RFC 6455 §4.1),
 * built once: the same request with the same {@code Sec-WebSocket-Key} as the C storm
 * client's, and the {@code Sec-WebSocket-Accept} value every response must carry
 * (§4.2.2).
 *
 * @author wsboot
 */
final class UpgradeRequest {

	private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final byte[] bytes;

	private final byte[] expectedAccept;

	/**
	 * Build the request for a server's endpoint.
	 * @param server the server's address
	 * @param path the path of the endpoint
	 */
	UpgradeRequest(InetSocketAddress server, String path) {
		String key = Base64.getEncoder().encodeToString("wsboot-benchmark".getBytes(StandardCharsets.US_ASCII));
		this.bytes = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
				+ "\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.expectedAccept = acceptKey(key).getBytes(StandardCharsets.US_ASCII);
	}

	private static String acceptKey(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] digest = sha1.digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by every JDK", ex);
		}
	}

	/**
	 * Return the request, US-ASCII; not to be modified.
	 * @return the bytes to write
	 */
	byte[] bytes() {
		return this.bytes;
	}

	/**
	 * Return the {@code Sec-WebSocket-Accept} value every response must carry; not to be
	 * modified.
	 * @return the value, US-ASCII
	 */
	byte[] expectedAccept() {
		return this.expectedAccept;
	}

}
