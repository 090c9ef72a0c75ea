package io.wsboot.observation;

import io.micrometer.observation.Observation;
import io.wsboot.endpoint.session.EndpointSession;

/**
 * The context of the observation of one message handled by a {@code @WsEndpoint} method:
 * the parent of whatever the method does.
 *
 * @author wsboot
 */
public class MessageObservationContext extends Observation.Context {

	private final EndpointSession session;

	private final Object message;

	/**
	 * Create a context.
	 * @param session the session that received the message
	 * @param message the message: a {@code String} for text, a {@code ByteBuffer} for
	 * binary
	 */
	public MessageObservationContext(EndpointSession session, Object message) {
		this.session = session;
		this.message = message;
	}

	/**
	 * Return the session that received the message.
	 * @return the session
	 */
	public EndpointSession getSession() {
		return this.session;
	}

	/**
	 * Return the message, before any conversion to the method's parameter type.
	 * @return a {@code String} for a text message, a read-only {@code ByteBuffer} for a
	 * binary one
	 */
	public Object getMessage() {
		return this.message;
	}

	/**
	 * Return the type of the message.
	 * @return {@code text} or {@code binary}
	 */
	public String getMessageType() {
		return (this.message instanceof CharSequence) ? "text" : "binary";
	}

}
