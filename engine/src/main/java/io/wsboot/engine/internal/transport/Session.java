package io.wsboot.engine.internal.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SessionStats;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.internal.session.CloseHandshake.Event;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session an upgraded {@link Connection} hands to its handler: what the opening
 * handshake settled (RFC 6455 §4.2.2: the endpoint, path variables, subprotocol,
 * extensions and the request head), the application's attributes and attachment, the
 * traffic counters, the endpoint's idle timeout and keep-alive pings, and the sends,
 * which go to the connection's {@link Outbox} from any thread. Created at the upgrade;
 * the connection keeps the socket and the protocol state.
 */
final class Session implements WsSession {

	/** A session's failures are logged with the rest of its connection's life. */
	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private static final byte DEFER_NONE = 0;

	private static final byte DEFER_OPEN = 1;

	private static final byte DEFER_FAILURE = 2;

	private static final VarHandle ATTRIBUTES;

	private static final VarHandle STATS;

	static {
		try {
			ATTRIBUTES = MethodHandles.lookup().findVarHandle(Session.class, "attributes", Map.class);
			STATS = MethodHandles.lookup().findVarHandle(Session.class, "stats", ConnectionStats.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Connection connection;

	private final InetSocketAddress remoteAddress;

	private final Endpoint endpoint;

	private final RequestHead head;

	private final Map<String, String> pathVariables;

	private final @Nullable String subprotocol;

	private final List<String> extensionElements;

	/** The size of the 101 response, until {@link #counters()} takes it over. */
	private final int handshakeResponseBytes;

	private final long openedAtMillis;

	/**
	 * Filled by the upgrade checks, or created on first use by {@link #attributes()}:
	 * most sessions never have any.
	 */
	private volatile @Nullable Map<String, Object> attributes;

	/** The layer above the engine keeps its per-session state here. */
	private volatile @Nullable Object attachment;

	/**
	 * The traffic counters, created by {@link #counters()} on the first frame, so that an
	 * idle session keeps none; until then {@link #stats()} hands out a {@link StatsView}.
	 */
	private volatile @Nullable ConnectionStats stats;

	/** When bytes last arrived, for the idle timeout; on the loop thread. */
	private long lastReadNanos;

	/** When the next keep-alive ping is due; on the loop thread. */
	private long nextPingNanos;

	/**
	 * Which deferral the handler call in progress may ask for: {@link #DEFER_NONE},
	 * {@link #DEFER_OPEN} or {@link #DEFER_FAILURE}; on the loop thread.
	 */
	private byte deferrable;

	/** What the handler asked the engine to wait for; on the loop thread. */
	private @Nullable CompletionStage<?> deferral;

	/** Whether the server's listener was told the session opened; on the loop thread. */
	private boolean announced;

	Session(Connection connection, InetSocketAddress remoteAddress, Upgrade upgrade, RequestHead head) {
		this.connection = connection;
		this.remoteAddress = remoteAddress;
		this.endpoint = upgrade.endpoint();
		this.head = head;
		this.pathVariables = upgrade.pathVariables();
		this.subprotocol = upgrade.subprotocol();
		this.extensionElements = upgrade.extensionElements();
		this.handshakeResponseBytes = upgrade.response().remaining();
		this.openedAtMillis = System.currentTimeMillis();
		this.attributes = upgrade.attributes();
		long now = System.nanoTime();
		this.lastReadNanos = now;
		this.nextPingNanos = now + limits().pingInterval().toNanos();
	}

	WsLimits limits() {
		return this.endpoint.limits();
	}

	WsHandler handler() {
		return this.endpoint.handler();
	}

	/**
	 * Note that bytes arrived, which puts off the idle timeout and the next keep-alive
	 * ping.
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	void inputRead(long nowNanos) {
		this.lastReadNanos = nowNanos;
	}

	/**
	 * Close the session once no bytes arrived for the endpoint's idle timeout, and
	 * otherwise send a keep-alive ping (RFC 6455 §5.5.2) when the ping interval has
	 * passed since the last ping or input; on the loop thread, while the session is open.
	 * @param now the current {@link System#nanoTime()}
	 */
	void checkIdle(long now) {
		WsLimits limits = limits();
		long idleNanos = limits.idleTimeout().toNanos();
		if (idleNanos > 0 && now - this.lastReadNanos > idleNanos) {
			this.connection.closeEvent(Event.LOCAL_CLOSE, CloseStatus.GOING_AWAY.withReason("idle timeout"), now);
			return;
		}
		long pingNanos = limits.pingInterval().toNanos();
		if (pingNanos > 0 && now - this.nextPingNanos >= 0) {
			this.nextPingNanos = Math.max(now, this.lastReadNanos) + pingNanos;
			this.connection.outbox().sendControl(OpCode.PING, EMPTY, false);
		}
	}

	/**
	 * Tell the handler that the session is open.
	 * @return what the handler asked the 101 response to wait for, or {@code null}
	 */
	@Nullable CompletionStage<?> opened() {
		this.deferrable = DEFER_OPEN;
		try {
			invokeHandler("onOpen", () -> handler().onOpen(this));
		}
		finally {
			this.deferrable = DEFER_NONE;
		}
		return takeDeferral();
	}

	/**
	 * Tell the server's listener that the session is open, once its 101 response may be
	 * written.
	 */
	void announce() {
		this.announced = true;
		safely("listener", () -> listener().sessionOpened(this));
		// from now on handshakeRequest() parses the head again when asked
		this.head.opened();
	}

	/**
	 * Report a protocol error to the handler (RFC 6455 §7.1.7).
	 * @return what the handler asked the close frame to wait for, or {@code null}
	 */
	@Nullable CompletionStage<?> failedByPeer(Throwable ex) {
		this.deferrable = DEFER_FAILURE;
		try {
			failed(ex);
		}
		finally {
			this.deferrable = DEFER_NONE;
		}
		return takeDeferral();
	}

	private @Nullable CompletionStage<?> takeDeferral() {
		CompletionStage<?> deferral = this.deferral;
		this.deferral = null;
		return deferral;
	}

	/**
	 * Tell the handler that the messages of one read have been handed over.
	 */
	void readComplete() {
		try {
			handler().onReadComplete(this);
		}
		catch (RuntimeException | Error ex) {
			logger.warn("WebSocket handler onReadComplete of {} failed for session {}", this.endpoint.pathTemplate(),
					this.connection.id(), ex);
		}
	}

	/**
	 * Report an error to the handler: the peer broke the protocol (RFC 6455 §7.1.7), or
	 * one of the handler's own calls failed.
	 */
	void failed(Throwable ex) {
		safely("onError", () -> handler().onError(this, ex));
	}

	/**
	 * Tell the handler and, when it heard of the opening, the server's listener that the
	 * session is closed.
	 */
	void closed(CloseStatus status, CloseInitiator initiator) {
		safely("onClose", () -> handler().onClose(this, status));
		if (this.announced) {
			safely("listener", () -> listener().sessionClosed(this, status, initiator));
		}
	}

	/**
	 * Call the handler; when it throws, report the error to it and close with 1011.
	 */
	void invokeHandler(String method, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException | Error ex) {
			logger.warn("WebSocket handler {} of {} failed for session {}", method, this.endpoint.pathTemplate(),
					this.connection.id(), ex);
			failed(ex);
			this.connection.closeLocally(CloseStatus.INTERNAL_ERROR.withReason("handler failed"));
		}
	}

	private void safely(String what, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException | Error ex) {
			logger.warn("{} failed for WebSocket session {}", what, this.connection.id(), ex);
		}
	}

	private WsServerListener listener() {
		return this.connection.server().config().listener();
	}

	@Override
	public String id() {
		// formatted on each call rather than cached: a cache would cost every session a
		// field, and callers (logs, registries) ask rarely
		return Long.toString(this.connection.id());
	}

	@Override
	public String path() {
		return this.head.path();
	}

	@Override
	public String pathTemplate() {
		return this.endpoint.pathTemplate();
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		return this.head.request(this.remoteAddress);
	}

	@Override
	public @Nullable String subprotocol() {
		return this.subprotocol;
	}

	@Override
	public List<String> extensions() {
		return this.extensionElements;
	}

	@Override
	public @Nullable String tlsProtocol() {
		return this.connection.tlsProtocol();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> attributes() {
		Map<String, Object> attributes = this.attributes;
		if (attributes == null) {
			Map<String, Object> created = new ConcurrentHashMap<>();
			Map<String, Object> existing = (Map<String, Object>) ATTRIBUTES.compareAndExchange(this, null, created);
			attributes = (existing != null) ? existing : created;
		}
		return attributes;
	}

	@Override
	public CompletableFuture<SendResult> sendText(String text) {
		return this.connection.outbox().sendText(text.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public CompletableFuture<SendResult> sendBinary(ByteBuffer data) {
		return this.connection.outbox().sendBinary(data, this.connection.loop());
	}

	@Override
	public CompletableFuture<SendResult> send(PreparedMessage message) {
		return this.connection.outbox().sendPrepared(message);
	}

	@Override
	public CompletableFuture<SendResult> sendPing(ByteBuffer payload) {
		if (payload.remaining() > Frame.MAX_CONTROL_PAYLOAD_BYTES) {
			throw new IllegalArgumentException(
					"ping payload of " + payload.remaining() + " bytes exceeds " + Frame.MAX_CONTROL_PAYLOAD_BYTES);
		}
		return this.connection.outbox().sendControl(OpCode.PING, payload, true);
	}

	@Override
	public void close(CloseStatus status) {
		// RFC 6455 §7.4.1: 1005, 1006, 1015 and unassigned codes are never sent
		if (!CloseStatus.isValidOnWire(status.code())) {
			throw new IllegalArgumentException("close code " + status.code() + " cannot be sent in a close frame");
		}
		// refuse sends made after close() returns, before the loop queues the close frame
		if (this.connection.outbox().requestClose()) {
			this.connection.closeLocally(status);
		}
	}

	@Override
	public void deferOpen(CompletionStage<?> setup) {
		if (this.deferrable == DEFER_OPEN && this.connection.loop().inLoop()) {
			this.deferral = setup;
		}
	}

	@Override
	public void deferFailure(CompletionStage<?> handling) {
		if (this.deferrable == DEFER_FAILURE && this.connection.loop().inLoop()) {
			this.deferral = handling;
		}
	}

	@Override
	public boolean isOpen() {
		return !this.connection.isClosing() && !this.connection.outbox().isClosing();
	}

	@Override
	public SessionStats stats() {
		ConnectionStats stats = this.stats;
		// metrics ask every session: a short-lived view spares an idle one its counters
		return (stats != null) ? stats : new StatsView(this);
	}

	/**
	 * Return the traffic counters, creating them on the first frame or drop; on any
	 * thread, since a sender counts its drops.
	 */
	ConnectionStats counters() {
		ConnectionStats stats = this.stats;
		if (stats == null) {
			ConnectionStats created = new ConnectionStats(this.connection.outbox().queue(), handshakeRequestBytes(),
					this.handshakeResponseBytes, this.openedAtMillis);
			ConnectionStats existing = (ConnectionStats) STATS.compareAndExchange(this, null, created);
			stats = (existing != null) ? existing : created;
		}
		return stats;
	}

	@Nullable ConnectionStats countersIfCreated() {
		return this.stats;
	}

	long handshakeRequestBytes() {
		return this.head.length();
	}

	long handshakeResponseBytes() {
		return this.handshakeResponseBytes;
	}

	long openedAtMillis() {
		return this.openedAtMillis;
	}

	long queuedBytes() {
		return this.connection.outbox().queue().queuedBytes();
	}

	@Override
	public @Nullable Object attachment() {
		return this.attachment;
	}

	@Override
	public void attach(@Nullable Object attachment) {
		this.attachment = attachment;
	}

	@Override
	public String toString() {
		return "WsSession[" + this.connection.id() + " " + path() + " from " + this.remoteAddress + "]";
	}

}
