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
		Object payload = payload(value, codec);
		return (payload instanceof ByteBuffer binary) ? PreparedMessage.binary(binary)
				: PreparedMessage.text((String) payload);
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
		Object payload = payload(value, codec);
		return (payload instanceof ByteBuffer binary) ? session.sendBinary(binary) : session.sendText((String) payload);
	}

	/**
	 * Turn a value other than a {@link PreparedMessage} into the payload of its message:
	 * a {@code ByteBuffer} for a binary message, a {@code String} (the value or its JSON)
	 * for a text one.
	 */
	private static Object payload(Object value, @Nullable JsonCodec codec) {
		if (value instanceof String || value instanceof ByteBuffer) {
			return value;
		}
		if (value instanceof byte[] bytes) {
			return ByteBuffer.wrap(bytes);
		}
		return json(value, codec);
	}

	static String json(Object value, @Nullable JsonCodec codec) {
		if (codec == null) {
			throw new IllegalStateException("cannot send " + value.getClass().getName()
					+ " as JSON: no JsonCodec bean; add Jackson (spring-boot-starter-jackson) to the classpath");
		}
		return codec.encode(value);
	}

}
