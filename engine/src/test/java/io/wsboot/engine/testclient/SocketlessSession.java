package io.wsboot.engine.testclient;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SessionStats;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * An engine session without a socket, for tests of the layers above the engine: it
 * records what is sent to it and reports counters the test sets.
 */
public final class SocketlessSession implements WsSession {

	/** Size of the request head every such session reports: 100 bytes. */
	public static final int REQUEST_HEAD_BYTES = 100;

	/** Size of the 101 response every such session reports: 129 bytes. */
	public static final int RESPONSE_HEAD_BYTES = 129;

	private static final InetSocketAddress REMOTE_ADDRESS = new InetSocketAddress("127.0.0.1", 40000);

	/** What was sent, in order: the text, buffer or prepared message as given. */
	public final List<Object> sent = new ArrayList<>();

	/** The counters {@link #stats()} reports; set them freely. */
	public final Stats stats = new Stats();

	private final String id;

	private final String pathTemplate;

	private final Map<String, String> pathVariables;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private @Nullable CloseStatus closed;

	private final AtomicReference<@Nullable Object> attachment = new AtomicReference<>();

	public SocketlessSession(String id, String pathTemplate) {
		this(id, pathTemplate, Map.of());
	}

	public SocketlessSession(String id, String pathTemplate, Map<String, String> pathVariables) {
		this.id = id;
		this.pathTemplate = pathTemplate;
		this.pathVariables = pathVariables;
		this.stats.handshakeRequestBytes = REQUEST_HEAD_BYTES;
		this.stats.handshakeResponseBytes = RESPONSE_HEAD_BYTES;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String path() {
		return this.pathTemplate;
	}

	@Override
	public String pathTemplate() {
		return this.pathTemplate;
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/**
	 * Return a new request on each call, as an engine connection that parses the head it
	 * kept again when asked.
	 */
	@Override
	public HandshakeRequest handshakeRequest() {
		return new HandshakeRequest("GET", this.pathTemplate, this.pathTemplate, "", "HTTP/1.1", Map.of(),
				REQUEST_HEAD_BYTES, REMOTE_ADDRESS);
	}

	@Override
	public @Nullable String subprotocol() {
		return null;
	}

	@Override
	public List<String> extensions() {
		return List.of();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return REMOTE_ADDRESS;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	@Override
	public CompletableFuture<SendResult> sendText(String text) {
		return record(text);
	}

	@Override
	public CompletableFuture<SendResult> sendBinary(ByteBuffer data) {
		return record(data);
	}

	@Override
	public CompletableFuture<SendResult> send(PreparedMessage message) {
		return record(message);
	}

	private synchronized CompletableFuture<SendResult> record(Object message) {
		this.sent.add(message);
		return CompletableFuture.completedFuture(SendResult.SENT);
	}

	@Override
	public CompletableFuture<SendResult> sendPing(ByteBuffer payload) {
		return CompletableFuture.completedFuture(SendResult.SENT);
	}

	@Override
	public synchronized void close(CloseStatus status) {
		if (this.closed == null) {
			this.closed = status;
		}
	}

	@Override
	public synchronized boolean isOpen() {
		return this.closed == null;
	}

	/**
	 * Return the status of the first {@link #close(CloseStatus)}.
	 * @return the status, or {@code null} while open
	 */
	public synchronized @Nullable CloseStatus closedWith() {
		return this.closed;
	}

	@Override
	public SessionStats stats() {
		return this.stats.view;
	}

	@Override
	public @Nullable Object attachment() {
		return this.attachment.get();
	}

	@Override
	public void attach(@Nullable Object attachment) {
		this.attachment.set(attachment);
	}

	/**
	 * Counters a test sets; one writer thread, as on an event loop. A counter without a
	 * field here, such as what a socketless session cannot have sent, reads 0.
	 */
	public static final class Stats {

		public volatile long handshakeRequestBytes;

		public volatile long handshakeResponseBytes;

		public volatile long wireBytesIn;

		public volatile long payloadBytesIn;

		public volatile long messageBytesIn;

		public volatile long textMessagesIn;

		private final SessionStats view = (SessionStats) Proxy.newProxyInstance(SessionStats.class.getClassLoader(),
				new Class<?>[] { SessionStats.class }, (proxy, method, args) -> read(method));

		private Object read(Method counter) throws ReflectiveOperationException {
			if (counter.getDeclaringClass() == Object.class) {
				return counter.invoke(this, (Object[]) null);
			}
			try {
				return Stats.class.getField(counter.getName()).getLong(this);
			}
			catch (NoSuchFieldException ex) {
				return 0L;
			}
		}

	}

}
