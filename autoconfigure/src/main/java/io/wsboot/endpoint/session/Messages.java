package io.wsboot.endpoint.session;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The one rule that turns a Java value into a WebSocket message, shared by return values
 * and broadcasts: a {@code String} is text, {@code byte[]} and {@code ByteBuffer} are
 * binary, a {@link PreparedMessage} is sent as it is, and anything else is encoded as
 * JSON text.
 *
 * @author wsboot
 */
public final class Messages {

	private Messages() {
	}

	/**
	 * Prepare a value once for many sessions.
	 * @param value the value
	 * @param codec the JSON codec, or {@code null} when none is available
	 * @return the prepared message
	 * @throws IllegalStateException when the value needs JSON and there is no codec
	 */
	public static PreparedMessage prepare(Object value, @Nullable JsonCodec codec) {
		if (value instanceof PreparedMessage prepared) {
			return prepared;
		}
		if (value instanceof String text) {
			return PreparedMessage.text(text);
		}
		if (value instanceof byte[] bytes) {
			return PreparedMessage.binary(ByteBuffer.wrap(bytes));
		}
		if (value instanceof ByteBuffer buffer) {
			return PreparedMessage.binary(buffer);
		}
		return PreparedMessage.text(json(value, codec));
	}

	/**
	 * Send a value to one session following the rule above.
	 * @param session the session
	 * @param value the value
	 * @param codec the JSON codec, or {@code null} when none is available
	 * @return the send's result
	 */
	public static CompletableFuture<SendResult> send(WsSession session, Object value, @Nullable JsonCodec codec) {
		if (value instanceof PreparedMessage prepared) {
			return session.send(prepared);
		}
		if (value instanceof String text) {
			return session.sendText(text);
		}
		if (value instanceof byte[] bytes) {
			return session.sendBinary(ByteBuffer.wrap(bytes));
		}
		if (value instanceof ByteBuffer buffer) {
			return session.sendBinary(buffer);
		}
		return session.sendText(json(value, codec));
	}

	static String json(Object value, @Nullable JsonCodec codec) {
		if (codec == null) {
			throw new IllegalStateException("cannot send " + value.getClass().getName()
					+ " as JSON: no JsonCodec bean; add Jackson (spring-boot-starter-jackson) to the classpath");
		}
		return codec.encode(value);
	}

}
