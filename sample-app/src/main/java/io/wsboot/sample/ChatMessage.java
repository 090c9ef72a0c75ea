package io.wsboot.sample;

/**
 * What a chat client sends, as JSON: {@code {"text":"hello"}}.
 *
 * @param text the message text
 * @author wsboot
 */
record ChatMessage(String text) {

}
