package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;

/**
 * Receives the complete data messages that a {@link MessageAssembler} puts together from
 * frames (RFC 6455 §5.4, §5.6).
 *
 * @author wsboot
 */
public interface MessageListener {

	/**
	 * Called with each complete text message, already validated as UTF-8.
	 * @param text the message
	 */
	void onText(String text);

	/**
	 * Called with each complete binary message.
	 * @param data the message, between position and limit; owned by the listener
	 */
	void onBinary(ByteBuffer data);

}
