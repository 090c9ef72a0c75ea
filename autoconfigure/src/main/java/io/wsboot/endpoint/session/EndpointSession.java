package io.wsboot.endpoint.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * A session of a {@code @WsEndpoint}: the engine's {@link WsSession} plus JSON sends and
 * group membership. Every method is safe to call from any thread; sends are asynchronous
 * and written in the order they were made.
 *
 * @author wsboot
 */
public interface EndpointSession {

	/**
	 * The session attribute that holds the authenticated {@link Principal} of the
	 * session, put there at the upgrade (by the Spring Security integration, or by an
	 * application's own handshake interceptor).
	 */
	String PRINCIPAL_ATTRIBUTE = "io.wsboot.principal";

	/**
	 * Return the session id, unique within this server.
	 * @return the id
	 */
	String id();

	/**
	 * Return the concrete request path, such as {@code /chat/lobby}.
	 * @return the path
	 */
	String path();

	/**
	 * Return the path template of the endpoint, such as {@code /chat/{room}}.
	 * @return the template
	 */
	String pathTemplate();

	/**
	 * Return the values of the path template's variables.
	 * @return the variables by name
	 */
	Map<String, String> pathVariables();

	/**
	 * Return the value of one path variable.
	 * @param name the variable name
	 * @return the value, or {@code null} when the template has no such variable
	 */
	@Nullable String pathVariable(String name);

	/**
	 * Return the negotiated subprotocol.
	 * @return the subprotocol, or {@code null} when none was agreed
	 */
	@Nullable String subprotocol();

	/**
	 * Return the client's address: behind a trusted proxy, the one it reported (PROXY
	 * protocol, {@code Forwarded}, {@code X-Forwarded-For}); see
	 * {@code wsboot.server.trusted-proxies}.
	 * @return the remote address
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Return the proxy's address when {@link #remoteAddress()} came from a trusted proxy.
	 * @return the TCP peer, or {@code null} when the client connected directly
	 */
	default @Nullable InetSocketAddress proxyAddress() {
		return null;
	}

	/**
	 * Return the session attributes, including those put by handshake interceptors.
	 * @return a thread-safe, writable map
	 */
	Map<String, Object> attributes();

	/**
	 * Return the principal authenticated at the upgrade: with Spring Security, the
	 * {@code Authentication}.
	 * @return the principal, or {@code null} when the session is anonymous
	 */
	default @Nullable Principal principal() {
		return (attributes().get(PRINCIPAL_ATTRIBUTE) instanceof Principal principal) ? principal : null;
	}

	/**
	 * Return the upgrade request that opened the session. It is parsed from the head the
	 * engine keeps on the first call and then kept with the session, so that reading
	 * handshake values on every message costs nothing more.
	 * @return the request
	 */
	HandshakeRequest handshakeRequest();

	/**
	 * Return the headers of the upgrade request.
	 * @return the headers, names in lower case
	 */
	Map<String, List<String>> handshakeHeaders();

	/**
	 * Return the first value of a header of the upgrade request.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when absent
	 */
	@Nullable String handshakeHeader(String name);

	/**
	 * Return the decoded values of a query parameter of the upgrade request.
	 * @param name the parameter name
	 * @return the values, empty when absent
	 */
	List<String> queryParameter(String name);

	/**
	 * Send a text message.
	 * @param text the message
	 * @return completes when the frame was written, dropped, or the connection closed
	 */
	CompletableFuture<SendResult> sendText(String text);

	/**
	 * Send a binary message.
	 * @param data the message; not changed afterwards by the caller
	 * @return completes when the frame was written, dropped, or the connection closed
	 */
	CompletableFuture<SendResult> sendBinary(byte[] data);

	/**
	 * Send a binary message.
	 * @param data the message; its remaining bytes must not change until the future
	 * completes
	 * @return completes when the frame was written, dropped, or the connection closed
	 */
	CompletableFuture<SendResult> sendBinary(ByteBuffer data);

	/**
	 * Encode an object as JSON and send it as a text message. A {@code String} is encoded
	 * too (as a JSON string); use {@link #sendText(String)} for raw text.
	 * @param value the value
	 * @return completes when the frame was written, dropped, or the connection closed
	 * @throws IllegalStateException when no {@code JsonCodec} is available
	 */
	CompletableFuture<SendResult> sendObject(Object value);

	/**
	 * Start a normal close (1000).
	 */
	void close();

	/**
	 * Start the close handshake with a code and reason.
	 * @param code a code valid on the wire, such as 1000, 1008 or 4000-4999
	 * @param reason the reason, at most 123 bytes in UTF-8
	 * @throws IllegalArgumentException when the code may not be sent or the reason is too
	 * long
	 */
	void close(int code, String reason);

	/**
	 * Whether the session is open: the close handshake has not started.
	 * @return {@code true} while messages can be sent
	 */
	boolean isOpen();

	/**
	 * Join a group, such as a chat room, so that broadcasts to it reach this session.
	 * Sessions leave all their groups when they close.
	 * @param group the group name
	 */
	void join(String group);

	/**
	 * Leave a group.
	 * @param group the group name
	 */
	void leave(String group);

	/**
	 * Return the groups this session joined and has not left, still readable in
	 * {@code @OnClose}.
	 * @return a snapshot of the group names
	 */
	Set<String> groups();

	/**
	 * Return the engine's session.
	 * @return the underlying session
	 */
	WsSession unwrap();

}
