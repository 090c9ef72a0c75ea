package io.wsboot.engine.internal.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Computes the {@code Sec-WebSocket-Accept} value that proves the server read the
 * client's key (RFC 6455 §4.2.2 step 5.4, §1.3).
 *
 * @author wsboot
 */
public final class AcceptKey {

	/** The GUID appended to the key (RFC 6455 §1.3). */
	public static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final byte[] GUID_BYTES = WEBSOCKET_GUID.getBytes(StandardCharsets.US_ASCII);

	/**
	 * One digest per thread (in the server, per event loop): {@code getInstance} looks up
	 * the provider and allocates a new engine on every call.
	 */
	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(AcceptKey::newSha1);

	private AcceptKey() {
	}

	/**
	 * Compute the accept value: base64 of the SHA-1 of the key followed by the GUID.
	 * @param secWebSocketKey the {@code Sec-WebSocket-Key} value as received, trimmed
	 * @return the {@code Sec-WebSocket-Accept} value
	 */
	public static String compute(String secWebSocketKey) {
		MessageDigest sha1 = SHA1.get();
		// a digest left half-updated by an earlier failure must not leak into this one
		sha1.reset();
		// RFC 6455 §4.2.2: the key is used as the ASCII string received, not decoded
		sha1.update(secWebSocketKey.getBytes(StandardCharsets.US_ASCII));
		byte[] digest = sha1.digest(GUID_BYTES);
		return Base64.getEncoder().encodeToString(digest);
	}

	private static MessageDigest newSha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must provide SHA-1 (MessageDigest javadoc)
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

}
