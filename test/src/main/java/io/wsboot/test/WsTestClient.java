package io.wsboot.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.wsboot.test.Event.Failure;
import org.jspecify.annotations.Nullable;

/**
 * A small WebSocket client for tests, built on the JDK's {@link java.net.http.WebSocket}:
 * it connects, sends, and awaits messages with timeouts, failing with an
 * {@link AssertionError} that says what arrived instead.
 *
 * <pre class="code">
 * try (WsTestClient client = WsTestClient.connect("ws://localhost:" + port + "/echo")) {
 *     client.sendText("hello");
 *     assertThat(client.awaitText()).isEqualTo("hello");
 * }
 * </pre>
 *
 * @author wsboot
 */
public final class WsTestClient implements AutoCloseable {

	/** How long the await methods wait by default. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final WebSocket webSocket;

	private final Duration timeout;

	private final Inbox inbox;

	private final Outbox outbox;

	private WsTestClient(WebSocket webSocket, Duration timeout, Inbox inbox) {
		this.webSocket = webSocket;
		this.timeout = timeout;
		this.inbox = inbox;
		this.outbox = new Outbox(webSocket, timeout);
	}

	/**
	 * Connect with the defaults.
	 * @param uri the URI, such as {@code ws://localhost:8090/echo}
	 * @return the connected client
	 * @throws HandshakeRejectedException when the server answered with an error status
	 */
	public static WsTestClient connect(String uri) {
		return builder().connect(uri);
	}

	/**
	 * Start configuring a client.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the subprotocol the server selected.
	 * @return the subprotocol, or {@code null} when none
	 */
	public @Nullable String subprotocol() {
		String subprotocol = this.webSocket.getSubprotocol();
		return (subprotocol == null || subprotocol.isEmpty()) ? null : subprotocol;
	}

	/**
	 * Send a text message and wait until it was written.
	 * @param text the message
	 * @return this client
	 */
	public WsTestClient sendText(String text) {
		this.outbox.send((webSocket) -> webSocket.sendText(text, true), "sending a text message");
		return this;
	}

	/**
	 * Send a binary message and wait until it was written.
	 * @param data the message
	 * @return this client
	 */
	public WsTestClient sendBinary(byte[] data) {
		this.outbox.send((webSocket) -> webSocket.sendBinary(ByteBuffer.wrap(data), true), "sending a binary message");
		return this;
	}

	/**
	 * Send a ping and wait until it was written; the pong can be awaited with
	 * {@link #awaitPong()}.
	 * @param data at most 125 bytes of application data
	 * @return this client
	 */
	public WsTestClient sendPing(byte[] data) {
		this.outbox.send((webSocket) -> webSocket.sendPing(ByteBuffer.wrap(data)), "sending a ping");
		return this;
	}

	/**
	 * Send an unsolicited pong (RFC 6455 §5.5.3) and wait until it was written.
	 * @param data at most 125 bytes of application data
	 * @return this client
	 */
	public WsTestClient sendPong(byte[] data) {
		this.outbox.send((webSocket) -> webSocket.sendPong(ByteBuffer.wrap(data)), "sending a pong");
		return this;
	}

	/**
	 * Await the next message, which must be text.
	 * @return the text
	 */
	public String awaitText() {
		return awaitText(this.timeout);
	}

	/**
	 * Await the next message, which must be text.
	 * @param timeout how long to wait
	 * @return the text
	 */
	public String awaitText(Duration timeout) {
		Message message = awaitMessage(timeout);
		if (!message.text()) {
			throw new AssertionError(
					"expected a text message but received a binary message of " + message.data().length + " bytes");
		}
		return message.asText();
	}

	/**
	 * Await the next message, which must be binary.
	 * @return the data
	 */
	public byte[] awaitBinary() {
		return awaitBinary(this.timeout);
	}

	/**
	 * Await the next message, which must be binary.
	 * @param timeout how long to wait
	 * @return the data
	 */
	public byte[] awaitBinary(Duration timeout) {
		Message message = awaitMessage(timeout);
		if (message.text()) {
			throw new AssertionError(
					"expected a binary message but received text '" + abbreviate(message.asText()) + "'");
		}
		return message.data();
	}

	/**
	 * Await the next message of either type.
	 * @param timeout how long to wait
	 * @return the message
	 */
	public Message awaitMessage(Duration timeout) {
		Event event = this.inbox.take(timeout, "a message");
		if (event instanceof Message message) {
			return message;
		}
		throw Inbox.unexpected(event, "a message");
	}

	/**
	 * Assert that no message arrives for a while.
	 * @param duration how long to watch
	 */
	public void expectNoMessage(Duration duration) {
		Event event = this.inbox.takeOrNull(duration);
		if (event instanceof Message message) {
			throw new AssertionError("expected no message but received " + message);
		}
		if (event != null) {
			this.inbox.add(event);
		}
	}

	/**
	 * Await the next pong.
	 * @return the pong's application data
	 */
	public byte[] awaitPong() {
		return this.inbox.takePong(this.timeout);
	}

	/**
	 * Await the server's close frame, skipping messages that arrive before it.
	 * @return the close code and reason
	 */
	public Closed awaitClose() {
		return awaitClose(this.timeout);
	}

	/**
	 * Await the server's close frame, skipping messages that arrive before it.
	 * @param timeout how long to wait
	 * @return the close code and reason
	 */
	public Closed awaitClose(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Event event = this.inbox.take(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
					"the close frame");
			if (event instanceof Closed closed) {
				return closed;
			}
			if (event instanceof Failure failure) {
				throw new AssertionError("connection failed while waiting for the close frame", failure.error());
			}
		}
	}

	/**
	 * Whether the server's close frame has arrived.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.inbox.isClosed();
	}

	/**
	 * Start the close handshake with a code and reason, without waiting for the reply.
	 * @param code the close code
	 * @param reason the reason
	 */
	public void close(int code, String reason) {
		this.outbox.sendClose(code, reason);
	}

	/**
	 * Close normally (1000), wait briefly for the server's reply, then drop the
	 * connection.
	 */
	@Override
	public void close() {
		try {
			if (!this.webSocket.isOutputClosed() && !this.inbox.isClosed()) {
				close(WebSocket.NORMAL_CLOSURE, "");
				long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
				while (!this.inbox.isClosed() && System.nanoTime() < deadline) {
					if (this.inbox.takeOrNull(Duration.ofMillis(50)) instanceof Closed) {
						break;
					}
				}
			}
		}
		catch (AssertionError ex) {
			// closing is best effort
		}
		finally {
			this.webSocket.abort();
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 80) ? text : text.substring(0, 77) + "...";
	}

	/**
	 * A complete data message.
	 *
	 * @param text whether it is a text message
	 * @param data the payload (UTF-8 for text)
	 */
	public record Message(boolean text, byte[] data) implements Event {

		/**
		 * Create a message.
		 * @param text whether it is a text message
		 * @param data the payload
		 */
		public Message {
			Objects.requireNonNull(data, "data");
		}

		/**
		 * Return the payload as text.
		 * @return the text
		 */
		public String asText() {
			return new String(this.data, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.text ? "text '" + abbreviate(asText()) + "'"
					: "binary message of " + this.data.length + " bytes";
		}

	}

	/**
	 * The server's close frame.
	 *
	 * @param code the close code
	 * @param reason the reason, empty when none
	 */
	public record Closed(int code, String reason) implements Event {

		@Override
		public String toString() {
			return this.code + (this.reason.isEmpty() ? "" : " '" + this.reason + "'");
		}

	}

	/**
	 * The server answered the upgrade request with an HTTP error status.
	 */
	public static final class HandshakeRejectedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int status;

		HandshakeRejectedException(int status, Throwable cause) {
			super("handshake rejected with HTTP " + status, cause);
			this.status = status;
		}

		/**
		 * Return the HTTP status of the response.
		 * @return the status code
		 */
		public int status() {
			return this.status;
		}

	}

	/**
	 * Configures and connects a {@link WsTestClient}.
	 */
	public static final class Builder {

		private @Nullable HttpClient httpClient;

		private Duration timeout = DEFAULT_TIMEOUT;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final List<String> subprotocols = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Use a shared HTTP client, for tests that open many connections.
		 * @param httpClient the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * Set how long to wait for the connection, for sends and by default for messages.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Add a header to the upgrade request, such as {@code Origin}.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Offer subprotocols in {@code Sec-WebSocket-Protocol}, most preferred first.
		 * @param subprotocols the subprotocols
		 * @return this builder
		 */
		public Builder subprotocols(String... subprotocols) {
			this.subprotocols.addAll(List.of(subprotocols));
			return this;
		}

		/**
		 * Connect.
		 * @param uri the URI, such as {@code ws://localhost:8090/echo}
		 * @return the connected client
		 * @throws HandshakeRejectedException when the server answered with an error
		 * status
		 */
		public WsTestClient connect(String uri) {
			try {
				return connectAsync(URI.create(uri)).join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}

		/**
		 * Connect without waiting, for tests that open many connections at once.
		 * @param uri the URI
		 * @return completes with the connected client, or with a
		 * {@link HandshakeRejectedException}
		 */
		public CompletableFuture<WsTestClient> connectAsync(URI uri) {
			HttpClient client = (this.httpClient != null) ? this.httpClient : HttpClient.newHttpClient();
			WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(this.timeout);
			this.headers.forEach(builder::header);
			if (!this.subprotocols.isEmpty()) {
				builder.subprotocols(this.subprotocols.get(0),
						this.subprotocols.subList(1, this.subprotocols.size()).toArray(String[]::new));
			}
			Receiver receiver = new Receiver();
			Duration timeout = this.timeout;
			return builder.buildAsync(uri, receiver)
				.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
				.handle((webSocket, error) -> {
					if (error != null) {
						Throwable cause = (error instanceof CompletionException) ? error.getCause() : error;
						if (cause instanceof WebSocketHandshakeException rejected) {
							throw new HandshakeRejectedException(rejected.getResponse().statusCode(), rejected);
						}
						throw new IllegalStateException("cannot connect to " + uri + ": " + cause, cause);
					}
					return new WsTestClient(webSocket, timeout, receiver.inbox());
				});
		}

	}

}
