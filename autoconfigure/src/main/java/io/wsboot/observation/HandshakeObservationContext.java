package io.wsboot.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The context of an opening handshake's observation: a {@link ReceiverContext} over the
 * upgrade request, whose headers ({@code traceparent}, {@code b3}...) the configured
 * tracing propagator reads, so that the handshake joins the client's trace as a server
 * span.
 *
 * @author wsboot
 */
public class HandshakeObservationContext extends ReceiverContext<HandshakeRequest> {

	private final HandshakeRequest request;

	private @Nullable String pathTemplate;

	private @Nullable WsSession session;

	private @Nullable WsHandshakeException rejection;

	/**
	 * Create a context for an upgrade request.
	 * @param request the request
	 */
	public HandshakeObservationContext(HandshakeRequest request) {
		// a server span: the client's span, whose context the request carries, is its
		// parent
		super((carrier, key) -> carrier.header(key), Kind.SERVER);
		this.request = request;
		setCarrier(request);
	}

	/**
	 * Return the upgrade request.
	 * @return the request
	 */
	public HandshakeRequest getRequest() {
		return this.request;
	}

	/**
	 * Return the path template of the endpoint the request was routed to.
	 * @return the template, or {@code null} when no endpoint matches its path
	 */
	public @Nullable String getPathTemplate() {
		return this.pathTemplate;
	}

	/**
	 * Set the path template of the endpoint the request was routed to.
	 * @param pathTemplate the template, or {@code null} when none matches
	 */
	public void setPathTemplate(@Nullable String pathTemplate) {
		this.pathTemplate = pathTemplate;
	}

	/**
	 * Return the session the handshake opened.
	 * @return the session, or {@code null} while the handshake runs or when it was
	 * rejected
	 */
	public @Nullable WsSession getSession() {
		return this.session;
	}

	/**
	 * Set the session the handshake opened.
	 * @param session the session
	 */
	public void setSession(@Nullable WsSession session) {
		this.session = session;
	}

	/**
	 * Return why the handshake was rejected.
	 * @return the rejection, or {@code null} when it was not
	 */
	public @Nullable WsHandshakeException getRejection() {
		return this.rejection;
	}

	/**
	 * Set why the handshake was rejected.
	 * @param rejection the rejection
	 */
	public void setRejection(@Nullable WsHandshakeException rejection) {
		this.rejection = rejection;
	}

}
