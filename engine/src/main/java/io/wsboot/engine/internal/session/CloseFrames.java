package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.internal.text.Utf8Validator;

/**
 * Reads and writes the payload of close frames (RFC 6455 §5.5.1): an optional 2-byte
 * status code (§7.4) followed by an optional UTF-8 reason.
 *
 * @author wsboot
 */
public final class CloseFrames {

	private static final int CODE_BYTES = 2;

	/** 1015: the TLS handshake failed (never sent on the wire). */
	private static final int TLS_HANDSHAKE_CODE = 1015;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private CloseFrames() {
	}

	/**
	 * Parse a received close frame's payload; the buffer's position is not moved.
	 * @param payload the unmasked payload, its remaining bytes
	 * @return the status, {@link CloseStatus#NO_STATUS} (1005) when the payload is empty
	 * @throws WsProtocolException with 1002 when the payload is a single byte or the code
	 * may not be sent, with 1007 when the reason is not valid UTF-8
	 */
	public static CloseStatus parse(ByteBuffer payload) throws WsProtocolException {
		int length = payload.remaining();
		if (length == 0) {
			// RFC 6455 §7.1.5: a close frame without a status code is reported as 1005
			return CloseStatus.NO_STATUS;
		}
		// RFC 6455 §5.5.1: a body starts with a 2-byte code, so one byte is malformed
		if (length == 1) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "received close frame with 1-byte payload");
		}
		if (length > Frame.MAX_CONTROL_PAYLOAD_BYTES) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR,
					"received close frame with " + length + "-byte payload");
		}
		int start = payload.position();
		int code = ((payload.get(start) & 0xFF) << Byte.SIZE) | (payload.get(start + 1) & 0xFF);
		// RFC 6455 §7.4.1, §7.4.2: 1005, 1006, 1015 and unassigned codes must not be sent
		if (!CloseStatus.isValidOnWire(code)) {
			throw new WsProtocolException(CloseStatus.PROTOCOL_ERROR, "received close frame with invalid code " + code);
		}
		ByteBuffer reason = payload.slice(start + CODE_BYTES, length - CODE_BYTES);
		// RFC 6455 §5.5.1, §8.1: the reason is UTF-8; invalid text fails the connection
		if (!Utf8Validator.isValid(reason)) {
			throw new WsProtocolException(CloseStatus.INVALID_PAYLOAD,
					"received close frame " + code + " with a reason that is not valid UTF-8");
		}
		return new CloseStatus(code, StandardCharsets.UTF_8.decode(reason).toString());
	}

	/**
	 * Return the payload of a close frame to send.
	 * @param status the status to send
	 * @return a new buffer with the 2-byte code and the UTF-8 reason, flipped; empty for
	 * 1005, 1006 and 1015, which are never sent (the frame then carries no code)
	 * @throws IllegalArgumentException when the code is not allowed in a close frame,
	 * such as 1004, 2000 or 5000
	 */
	public static ByteBuffer payload(CloseStatus status) {
		int code = status.code();
		// RFC 6455 §7.4.1: 1005, 1006 and 1015 MUST NOT be set as a status code
		if (code == CloseStatus.NO_STATUS.code() || code == CloseStatus.ABNORMAL.code() || code == TLS_HANDSHAKE_CODE) {
			return EMPTY.duplicate();
		}
		if (!CloseStatus.isValidOnWire(code)) {
			throw new IllegalArgumentException("close code " + code + " may not be sent in a close frame");
		}
		byte[] reason = status.reason().getBytes(StandardCharsets.UTF_8);
		ByteBuffer payload = ByteBuffer.allocate(CODE_BYTES + reason.length);
		payload.put((byte) (code >>> Byte.SIZE)).put((byte) code).put(reason);
		return payload.flip();
	}

}
