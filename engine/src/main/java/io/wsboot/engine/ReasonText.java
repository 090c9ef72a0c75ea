package io.wsboot.engine;

import java.nio.charset.StandardCharsets;

import io.wsboot.engine.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * Shortens text to fit the reason of a close frame (RFC 6455 §5.5: 125 bytes of payload,
 * two of which carry the code).
 */
final class ReasonText {

	private ReasonText() {
	}

	static String fit(@Nullable String text) {
		if (text == null) {
			return "";
		}
		if (text.getBytes(StandardCharsets.UTF_8).length <= CloseStatus.MAX_REASON_BYTES) {
			return text;
		}
		StringBuilder fitted = new StringBuilder();
		int bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// keep only ASCII when shortening, so no surrogate pair is ever cut in half
			if (c > 0x7F) {
				c = '?';
			}
			if (bytes + 1 > CloseStatus.MAX_REASON_BYTES) {
				break;
			}
			fitted.append(c);
			bytes++;
		}
		return fitted.toString();
	}

}
