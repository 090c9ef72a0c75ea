package io.wsboot.engine;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A close code and reason as carried by a close frame (RFC 6455 §5.5.1, §7.4).
 *
 * @param code the status code
 * @param reason the reason, empty when none; at most 123 bytes in UTF-8 when sent
 * @author wsboot
 */
public record CloseStatus(int code, String reason) {

	/** Largest reason that fits a control frame beside the two code bytes. */
	public static final int MAX_REASON_BYTES = 123;

	/** 1000: the purpose of the connection has been fulfilled. */
	public static final CloseStatus NORMAL = new CloseStatus(1000, "");

	/** 1001: the server is going down or a browser navigates away. */
	public static final CloseStatus GOING_AWAY = new CloseStatus(1001, "");

	/** 1002: the peer broke the protocol. */
	public static final CloseStatus PROTOCOL_ERROR = new CloseStatus(1002, "");

	/** 1003: a data type the endpoint cannot accept. */
	public static final CloseStatus UNSUPPORTED_DATA = new CloseStatus(1003, "");

	/** 1005: no status code was present (never sent on the wire). */
	public static final CloseStatus NO_STATUS = new CloseStatus(1005, "");

	/** 1006: the connection closed without a close frame (never sent on the wire). */
	public static final CloseStatus ABNORMAL = new CloseStatus(1006, "");

	/** 1007: message data not consistent with its type, such as invalid UTF-8 text. */
	public static final CloseStatus INVALID_PAYLOAD = new CloseStatus(1007, "");

	/** 1008: a message violates the endpoint's policy. */
	public static final CloseStatus POLICY_VIOLATION = new CloseStatus(1008, "");

	/** 1009: a message is too big to process. */
	public static final CloseStatus MESSAGE_TOO_BIG = new CloseStatus(1009, "");

	/** 1010: the client expected an extension that the server did not negotiate. */
	public static final CloseStatus MANDATORY_EXTENSION = new CloseStatus(1010, "");

	/** 1011: the server met an unexpected condition. */
	public static final CloseStatus INTERNAL_ERROR = new CloseStatus(1011, "");

	/** 1013: try again later, used when a consumer is too slow. */
	public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "");

	/**
	 * Create a status, checking that the reason fits a control frame.
	 * @param code the status code
	 * @param reason the reason text
	 */
	public CloseStatus {
		Objects.requireNonNull(reason, "reason");
		if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
			throw new IllegalArgumentException("close reason is longer than " + MAX_REASON_BYTES + " UTF-8 bytes");
		}
	}

	/**
	 * Return a status with the same code and another reason.
	 * @param reason the reason text
	 * @return the new status
	 */
	public CloseStatus withReason(String reason) {
		return new CloseStatus(this.code, reason);
	}

	/**
	 * Whether a code may appear in a close frame on the wire (RFC 6455 §7.4.1, §7.4.2):
	 * 1000-1003, 1007-1011 (and 1012-1014 from the IANA registry), and 3000-4999. 1004,
	 * 1005, 1006, 1015, the rest of 1000-2999 and everything outside 1000-4999 are not.
	 * @param code the code to check
	 * @return whether the code is valid on the wire
	 */
	public static boolean isValidOnWire(int code) {
		if (code >= 3000 && code <= 4999) {
			return true;
		}
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
	}

}
