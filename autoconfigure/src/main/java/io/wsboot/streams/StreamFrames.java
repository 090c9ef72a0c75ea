package io.wsboot.streams;

import io.wsboot.engine.PreparedMessage;
import org.jspecify.annotations.Nullable;

/**
 * The JSON text frames of the streams protocol, written by hand so that a publication's
 * data, already JSON, is copied rather than parsed again.
 *
 * @author wsboot
 */
final class StreamFrames {

	private StreamFrames() {
	}

	static PreparedMessage publication(StreamPublication publication) {
		return PreparedMessage.text(publicationText(publication));
	}

	static String publicationText(StreamPublication publication) {
		StringBuilder json = new StringBuilder(64 + publication.stream().length() + publication.data().length());
		json.append("{\"type\":\"publication\",\"stream\":");
		quote(json, publication.stream());
		json.append(",\"epoch\":");
		quote(json, publication.epoch());
		json.append(",\"offset\":").append(publication.offset()).append(",\"data\":").append(publication.data());
		return json.append('}').toString();
	}

	static String subscribed(StreamSubscription subscription) {
		StringBuilder json = new StringBuilder(96);
		json.append("{\"type\":\"subscribed\",\"stream\":");
		quote(json, subscription.stream());
		json.append(",\"epoch\":");
		quote(json, subscription.position().epoch());
		json.append(",\"offset\":").append(subscription.position().offset());
		json.append(",\"recovered\":").append(subscription.recovered());
		return json.append('}').toString();
	}

	static String error(@Nullable String stream, String message) {
		StringBuilder json = new StringBuilder(64);
		json.append("{\"type\":\"error\"");
		if (stream != null) {
			json.append(",\"stream\":");
			quote(json, stream);
		}
		json.append(",\"message\":");
		quote(json, message);
		return json.append('}').toString();
	}

	static String quote(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2);
		quote(json, value);
		return json.toString();
	}

	private static void quote(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
