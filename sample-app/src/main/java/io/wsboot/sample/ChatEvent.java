package io.wsboot.sample;

import org.jspecify.annotations.Nullable;

/**
 * What the chat sends to a room, as JSON: {@code join} and {@code leave} presence notices
 * and {@code message}s.
 *
 * @param type {@code join}, {@code leave} or {@code message}
 * @param room the room
 * @param user who joined, left or wrote
 * @param text the message text, {@code null} for presence notices
 * @author wsboot
 */
record ChatEvent(String type, String room, String user, @Nullable String text) {

	static ChatEvent join(String room, String user) {
		return new ChatEvent("join", room, user, null);
	}

	static ChatEvent leave(String room, String user) {
		return new ChatEvent("leave", room, user, null);
	}

	static ChatEvent message(String room, String user, String text) {
		return new ChatEvent("message", room, user, text);
	}

}
