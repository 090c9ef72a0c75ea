package io.wsboot.engine;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * An open WebSocket connection. Every method is safe to call from any thread; sends are
 * queued and written by the connection's event loop in the order they were made.
 *
 * @author wsboot
 */
public interface WsSession {

	/**
	 * Return an identifier unique within this server.
	 * @return the session id
	 */
	String id();

	/**
	 * Return the concrete request path, such as {@code /chat/lobby}.
	 * @return the path
	 */
	String path();

	/**
	 * Return the path template of the endpoint that accepted the session, such as
	 * {@code /chat/{room}}.
	 * @return the path template
	 */
	String pathTemplate();

	/**
	 * Return the values of the path template's variables.
	 * @return the variables by name
	 */
	Map<String, String> pathVariables();

	/**
	 * Return the upgrade request that opened the session. The engine keeps only the raw
	 * request head once {@code onOpen} has returned, and parses it again when asked (a
	 * few microseconds): read what you need once rather than on every message.
	 * @return the request
	 */
	HandshakeRequest handshakeRequest();

	/**
	 * Return the negotiated subprotocol.
	 * @return the subprotocol, or {@code null} when none was agreed
	 */
	@Nullable String subprotocol();

	/**
	 * Return the negotiated extensions as sent in {@code Sec-WebSocket-Extensions}.
	 * @return the extension names, empty when none
	 */
	List<String> extensions();

	/**
	 * Return the TLS protocol of the connection.
	 * @return the protocol, such as {@code TLSv1.3}, or {@code null} for {@code ws://}
	 */
	default @Nullable String tlsProtocol() {
		return null;
	}

	/**
	 * Return the client's address.
	 * @return the remote address
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Return the session's attributes, shared with the endpoint's {@link UpgradeCheck}s.
	 * @return a thread-safe, writable map
	 */
	Map<String, Object> attributes();

	/**
	 * Queue a text message.
	 * @param text the message
	 * @return completes when the frame was written, dropped, or the connection closed
	 */
	CompletableFuture<SendResult> sendText(String text);

	/**
	 * Queue a binary message; the buffer's remaining bytes are sent and must not be
	 * changed until the returned future completes.
	 * @param data the message
	 * @return completes when the frame was written, dropped, or the connection closed
	 */
	CompletableFuture<SendResult> sendBinary(ByteBuffer data);

	/**
	 * Queue a message prepared once for many sessions.
	 * @param message the message
	 * @return completes when the frame was written, dropped, or the connection closed
	 */
	CompletableFuture<SendResult> send(PreparedMessage message);

	/**
	 * Queue a ping (RFC 6455 §5.5.2).
	 * @param payload at most 125 bytes of application data
	 * @return completes when the frame was written or the connection closed
	 */
	CompletableFuture<SendResult> sendPing(ByteBuffer payload);

	/**
	 * Start the close handshake (RFC 6455 §7.1.2); does nothing when already closing.
	 * @param status the code and reason to send
	 */
	void close(CloseStatus status);

	/**
	 * Hold back the 101 response until the handler has set the session up on another
	 * thread, so that a client that sees the connection open can rely on it being set up:
	 * call it from {@link WsHandler#onOpen}, on the event loop. Frames the client sends
	 * meanwhile are read and handed to the handler as usual; sends are queued behind the
	 * 101. When {@code setup} completes exceptionally, the upgrade is refused with the
	 * status of a {@link WsHandshakeException} cause, or 500, and the handler's
	 * {@link WsHandler#onClose} follows with 1006. When it has not completed within the
	 * handshake timeout, the upgrade is refused with 503. Calls outside {@code onOpen}
	 * are ignored.
	 * @param setup completes once the session is set up
	 */
	default void deferOpen(CompletionStage<?> setup) {
	}

	/**
	 * Hold back the close frame with which the engine fails the connection for a protocol
	 * error (RFC 6455 §7.1.7) until the messages received whole before the violation,
	 * which the handler handed to another thread, are handled, so that their replies are
	 * written first: call it from {@link WsHandler#onError}, on the event loop. The
	 * engine reads nothing more meanwhile, and sends the close frame once
	 * {@code handling} completes, normally or not, or once the close timeout has passed.
	 * Calls outside {@code onError} are ignored.
	 * @param handling completes once the messages received before are handled and their
	 * replies sent
	 */
	default void deferFailure(CompletionStage<?> handling) {
	}

	/**
	 * Whether the session is open: the close handshake has not started.
	 * @return {@code true} while messages can be sent
	 */
	boolean isOpen();

	/**
	 * Return the live traffic counters of this session.
	 * @return the counters
	 */
	SessionStats stats();

	/**
	 * Return the object attached with {@link #attach(Object)}. The slot is for the layer
	 * above the engine, which finds its per-session state here on every event without a
	 * map lookup; applications use {@link #attributes()} instead.
	 * @return the attachment, or {@code null} when none
	 */
	@Nullable Object attachment();

	/**
	 * Attach an object to the session, replacing any previous one; visible to every
	 * thread once this returns. Under wsboot's Spring layer the {@code @WsEndpoint}
	 * handler owns the slot: replacing its object there stops the endpoint's methods from
	 * being called for this session.
	 * @param attachment the object, or {@code null} to clear the slot
	 */
	void attach(@Nullable Object attachment);

}
