package io.wsboot.endpoint.broadcast;

import java.util.Objects;

import io.wsboot.engine.PreparedMessage;

/**
 * A message for many sessions: encoded once into a {@link PreparedMessage} whose frame
 * bytes every local session shares.
 *
 * @param target the sessions to send to
 * @param message the message, already encoded
 * @author wsboot
 */
public record Broadcast(BroadcastTarget target, PreparedMessage message) {

	/**
	 * Create a broadcast.
	 * @param target the sessions to send to
	 * @param message the message
	 */
	public Broadcast {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(message, "message");
	}

}
