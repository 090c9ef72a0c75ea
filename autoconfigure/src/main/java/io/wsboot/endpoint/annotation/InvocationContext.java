package io.wsboot.endpoint.annotation;

import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.engine.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a handler method's arguments are resolved from for one event.
 *
 * @param session the session
 * @param message the text ({@code String}) or binary or pong data ({@code ByteBuffer})
 * @param status the close status, for {@code @OnClose}
 * @param error the error, for {@code @OnError}
 * @author wsboot
 */
record InvocationContext(EndpointSession session, @Nullable Object message, @Nullable CloseStatus status,
		@Nullable Throwable error) {

	static InvocationContext of(EndpointSession session) {
		return new InvocationContext(session, null, null, null);
	}

	static InvocationContext message(EndpointSession session, Object message) {
		return new InvocationContext(session, message, null, null);
	}

	static InvocationContext closed(EndpointSession session, CloseStatus status) {
		return new InvocationContext(session, null, status, null);
	}

	static InvocationContext error(EndpointSession session, Throwable error) {
		return new InvocationContext(session, null, null, error);
	}

}
