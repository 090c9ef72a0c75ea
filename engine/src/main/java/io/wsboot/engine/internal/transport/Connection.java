package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.ConnectionRefusal;
import io.wsboot.engine.FrameListener;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.MessageRatePolicy;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.ProxyProtocol;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.TlsConfig;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.internal.proxy.ForwardedHeaders;
import io.wsboot.engine.internal.proxy.ProxyHeader;
import io.wsboot.engine.internal.proxy.ProxyHeaderException;
import io.wsboot.engine.internal.proxy.ProxyHeaderParser;
import io.wsboot.engine.internal.session.CloseHandshake;
import io.wsboot.engine.internal.session.CloseHandshake.Action;
import io.wsboot.engine.internal.session.CloseHandshake.Event;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection from accept to close: the opening handshake (RFC 6455 §4), then
 * frames in strict order (§5) through its {@link Inbox}, sends through its
 * {@link Outbox}, and the close handshake (§7), whose {@link CloseHandshake} decides what
 * happens next. Its protocol state is touched only by its event loop; sends may come from
 * any thread.
 */
final class Connection implements Outbox.Owner {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	/** Reads per readiness event before other connections get a turn. */
	private static final int MAX_READS_PER_EVENT = 4;

	private static final VarHandle FLUSH_SCHEDULED;

	static {
		try {
			FLUSH_SCHEDULED = MethodHandles.lookup().findVarHandle(Connection.class, "flushScheduled", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ServerRuntime server;

	private final SocketIo io;

	private final EventLoop loop;

	private final SelectionKey key;

	/** The TCP peer: the client, or the proxy in front of it. */
	private final InetSocketAddress peerAddress;

	/**
	 * The client's address: the peer's, until a trusted proxy's PROXY header or forwarded
	 * headers tell another; set on the loop thread before the session is created.
	 */
	private InetSocketAddress remoteAddress;

	/** The session id, which {@link Session#id()} formats when asked. */
	private final long id;

	private final Outbox outbox;

	/**
	 * Whether a flush task is queued on the loop for a send from another thread; set with
	 * {@link #FLUSH_SCHEDULED}.
	 */
	private volatile boolean flushScheduled;

	/**
	 * The flush a send from another thread queues on the loop, created on the first such
	 * send: most connections are only written from their loop.
	 */
	private @Nullable Runnable flushTask;

	/** Whether this connection is in the loop's dirty list; on the loop thread only. */
	private boolean flushMarked;

	/**
	 * Reads the PROXY protocol header ahead of the request; {@code null} when the server
	 * expects none or once it is read.
	 */
	private @Nullable ProxyHeaderParser proxyHeader;

	/**
	 * Whether this connection holds a pending-handshake slot: until its upgrade is done.
	 */
	private boolean pendingHandshakeHeld = true;

	/**
	 * Whether no byte has arrived yet: such a connection is the first to lose its
	 * pending-handshake slot to a new one.
	 */
	private volatile boolean silent = true;

	/** Reads the upgrade request; {@code null} once it is parsed or refused. */
	private @Nullable OpeningHandshake opening;

	/** The session, created at the upgrade. */
	private volatile @Nullable Session session;

	/** The read side, created by {@link #inbox} on the first frame bytes. */
	private @Nullable Inbox inbox;

	/**
	 * The closing of the connection, created on the first close event: {@code null} while
	 * the session is open or the upgrade request is not read yet.
	 */
	private volatile @Nullable CloseHandshake closeHandshake;

	private boolean limiterSlotHeld;

	/**
	 * Whether the 101 response waits for the handler to set the session up; on the loop
	 * thread.
	 */
	private boolean openHeld;

	/** When a held 101 response is refused with 503; on the loop thread. */
	private long openDeadlineNanos;

	private volatile boolean finished;

	Connection(ServerRuntime server, SocketChannel channel, EventLoop loop) throws IOException {
		this.server = server;
		this.loop = loop;
		this.peerAddress = (InetSocketAddress) channel.getRemoteAddress();
		this.remoteAddress = this.peerAddress;
		this.id = server.nextId();
		ProxyProtocol proxyProtocol = server.config().proxyProtocol();
		if (proxyProtocol != ProxyProtocol.OFF) {
			this.proxyHeader = new ProxyHeaderParser(proxyProtocol == ProxyProtocol.REQUIRED);
		}
		WsLimits limits = server.config().limits();
		this.opening = new OpeningHandshake(limits.maxHandshakeHeadBytes(), System.nanoTime());
		this.outbox = new Outbox(new FrameQueue(), limits, this);
		TlsConfig tls = server.config().tls();
		this.io = (tls != null) ? TlsSocketIo.serverSide(channel, tls, this.remoteAddress) : new PlainSocketIo(channel);
		this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
		server.pendingHandshakes().registered(this);
	}

	void read() {
		if (this.pendingHandshakeHeld && this.silent) {
			// readable: the peer sent something, if only TLS handshake records
			this.silent = false;
		}
		ByteBuffer buffer = this.loop.readBuffer();
		for (int i = 0; i < MAX_READS_PER_EVENT && !this.finished; i++) {
			// write or copy the frames that borrowed this buffer before reading into it
			this.loop.settleLent();
			buffer.clear();
			int count;
			try {
				count = this.io.read(buffer);
			}
			catch (IOException ex) {
				logger.debug("Reading from {} failed: {}", this.remoteAddress, ex.getMessage());
				finish();
				return;
			}
			if (count < 0) {
				onEndOfStream();
				return;
			}
			if (count == 0) {
				break;
			}
			Session session = this.session;
			if (session != null) {
				session.inputRead(System.nanoTime());
			}
			buffer.flip();
			process(buffer);
			if (count < buffer.capacity() && !this.io.hasBufferedInput()) {
				break;
			}
		}
		if (this.finished) {
			return;
		}
		Session session = this.session;
		if (session != null) {
			session.readComplete();
		}
		if (this.io.hasBufferedInput()) {
			// the selector does not report TLS records already taken from the socket
			this.loop.execute(this::read);
		}
		if (this.io.hasPendingOutput()) {
			this.key.interestOps(this.key.interestOps() | SelectionKey.OP_WRITE);
		}
	}

	private void process(ByteBuffer buffer) {
		ProxyHeaderParser proxyHeader = this.proxyHeader;
		if (proxyHeader != null) {
			ProxyHeader header;
			try {
				header = readProxyHeader(proxyHeader, buffer);
			}
			catch (ProxyHeaderException ex) {
				refuseProxyHeader(ex);
				return;
			}
			if (header == null) {
				return;
			}
			if (header.replay().hasRemaining()) {
				// no header: the bytes taken while looking for one start the request
				processRequest(header.replay());
			}
		}
		processRequest(buffer);
	}

	private void processRequest(ByteBuffer buffer) {
		OpeningHandshake opening = this.opening;
		try {
			if (opening != null) {
				HandshakeRequest request = opening.read(buffer, this.remoteAddress);
				if (request == null) {
					return;
				}
				request = opening.resolved(clientAddress(request));
				upgrade(request, opening.head(request));
			}
			Session session = this.session;
			if (session != null && buffer.hasRemaining() && readsInput()) {
				inbox(session).decode(buffer);
			}
		}
		catch (WsHandshakeException ex) {
			this.opening = null;
			releasePendingHandshake();
			ByteBuffer response = opening.refuse(ex, this.server, this.remoteAddress);
			closeEvent(Event.HANDSHAKE_REJECTED, null);
			this.outbox.sendHandshakeResponse(response);
		}
		catch (WsProtocolException ex) {
			fail(ex);
		}
	}

	/**
	 * Read the PROXY protocol header (HAProxy's PROXY protocol, v1 and v2) and take the
	 * client's address from it, when the peer is a trusted proxy.
	 * @return the header, or {@code null} while more bytes are needed
	 */
	private @Nullable ProxyHeader readProxyHeader(ProxyHeaderParser parser, ByteBuffer buffer) {
		ProxyHeader header = parser.parse(buffer);
		if (header == null) {
			return null;
		}
		this.proxyHeader = null;
		if (header.kind() != ProxyHeader.Kind.ABSENT
				&& !this.server.config().trustedProxies().contains(this.peerAddress.getAddress())) {
			throw ProxyHeaderException.invalid("a PROXY protocol header from " + this.peerAddress.getAddress()
					+ ", which is not in the trusted proxies");
		}
		InetSocketAddress source = header.source();
		if (source != null) {
			this.remoteAddress = source;
		}
		return header;
	}

	/**
	 * Close a connection whose PROXY header is missing or bad, without a word: the
	 * protocol's receiver must not answer it.
	 */
	private void refuseProxyHeader(ProxyHeaderException ex) {
		this.proxyHeader = null;
		this.server.connectionLog()
			.info(System.nanoTime(), "Closing connection {} from {}: bad PROXY protocol header: {}", this.id,
					this.peerAddress, ex.getMessage());
		this.server.config()
			.listener()
			.connectionRefused(
					ex.isMissing() ? ConnectionRefusal.PROXY_HEADER_MISSING : ConnectionRefusal.PROXY_HEADER_INVALID,
					this.peerAddress);
		finish();
	}

	/**
	 * Take the client's address from trusted proxies' {@code Forwarded} or
	 * {@code X-Forwarded-For} headers, and keep the proxy's.
	 * @return the request with the client's and the proxy's address
	 */
	private HandshakeRequest clientAddress(HandshakeRequest request) {
		InetSocketAddress forwarded = ForwardedHeaders.clientAddress(request, this.remoteAddress,
				this.server.config().trustedProxies());
		if (forwarded != null) {
			this.remoteAddress = forwarded;
		}
		return (this.remoteAddress != this.peerAddress)
				? request.withClientAddress(this.remoteAddress, this.peerAddress) : request;
	}

	/**
	 * Return the proxy's address when the client's came from a trusted proxy.
	 * @return the TCP peer, or {@code null} when the client connected directly
	 */
	@Nullable InetSocketAddress proxyAddress() {
		return (this.remoteAddress != this.peerAddress) ? this.peerAddress : null;
	}

	/**
	 * Whether the connection has not completed its upgrade and has sent nothing yet.
	 * @return {@code true} while silent, on any thread
	 */
	boolean isSilent() {
		return this.silent && !this.finished;
	}

	/**
	 * Close the connection because a new socket took its pending-handshake slot; on the
	 * loop thread. One that completed its upgrade meanwhile is left open.
	 */
	void evict() {
		if (this.opening != null) {
			finish();
		}
	}

	InetSocketAddress peerAddress() {
		return this.peerAddress;
	}

	private void releasePendingHandshake() {
		if (this.pendingHandshakeHeld) {
			this.pendingHandshakeHeld = false;
			this.server.pendingHandshakes().release(this);
		}
	}

	/**
	 * Whether frames are still read: not after the peer's close frame nor after a
	 * protocol error (RFC 6455 §5.5.1, §7.1.7).
	 */
	boolean readsInput() {
		CloseHandshake closing = this.closeHandshake;
		return !this.finished && (closing == null || closing.isInputOpen());
	}

	private void onEndOfStream() {
		if (this.opening != null) {
			finish();
			return;
		}
		if (this.session != null && this.closeHandshake == null) {
			logger.debug("Connection {} from {} closed without a close frame", this.id, this.remoteAddress);
		}
		closeEvent(Event.END_OF_STREAM, null);
	}

	private void upgrade(HandshakeRequest request, RequestHead head) {
		this.opening = null;
		releasePendingHandshake();
		Upgrade upgrade = Upgrade.negotiate(request, this.server);
		// the accepted upgrade took a connection-limit slot; a refused one released it
		this.limiterSlotHeld = true;
		Session session = new Session(this, this.remoteAddress, upgrade, head);
		this.outbox.upgraded(session.limits(), upgrade.extension());
		this.session = session;
		this.outbox.sendHandshakeResponse(upgrade.response());
		CompletionStage<?> setup = session.opened();
		if (setup == null) {
			session.announce();
			return;
		}
		// the 101 stays queued, and everything sent is queued behind it, until the
		// handler has set the session up: a client that sees the connection open can
		// rely on it
		this.openHeld = true;
		this.openDeadlineNanos = System.nanoTime() + limits().handshakeTimeout().toNanos();
		setup.whenComplete((result, failure) -> this.loop.run(() -> settleOpen(failure)));
	}

	/**
	 * Write the held 101 response once the handler has set the session up, or refuse the
	 * upgrade when it failed; on the loop thread.
	 */
	private void settleOpen(@Nullable Throwable failure) {
		Session session = this.session;
		if (!this.openHeld || this.finished || session == null) {
			return;
		}
		if (failure == null) {
			this.openHeld = false;
			session.announce();
			scheduleFlush();
			return;
		}
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		refuseOpen(session, (cause instanceof WsHandshakeException refusal) ? refusal
				: new WsHandshakeException(RejectionReason.SERVER_ERROR, "session setup failed"));
	}

	/**
	 * Refuse an upgrade whose 101 response is held (RFC 6455 §4.2.2): the response and
	 * everything queued behind it give way to the HTTP error response.
	 */
	private void refuseOpen(Session session, WsHandshakeException ex) {
		this.openHeld = false;
		this.server.connectionLog()
			.info(System.nanoTime(), "Rejected WebSocket handshake from {} for {}: {} {}", this.remoteAddress,
					session.path(), ex.httpStatus(), ex.getMessage());
		this.server.config().listener().handshakeRejected(session.handshakeRequest(), ex);
		if (this.closeHandshake != null) {
			// the peer closed or broke the protocol meanwhile: no response is owed
			finish();
			return;
		}
		this.outbox.replaceWithHandshakeResponse(Upgrade.errorResponse(ex));
		closeEvent(Event.HANDSHAKE_REJECTED, null);
	}

	/**
	 * Return the read side, created on the first frame bytes rather than at the upgrade:
	 * most of a server's connections are idle at any moment.
	 */
	private Inbox inbox(Session session) {
		Inbox inbox = this.inbox;
		if (inbox == null) {
			inbox = new Inbox(this, session, this.outbox.extension());
			this.inbox = inbox;
		}
		return inbox;
	}

	/**
	 * Fail the WebSocket connection (RFC 6455 §7.1.7) with the status of the violation.
	 */
	private void fail(WsProtocolException ex) {
		this.server.connectionLog()
			.info(System.nanoTime(), "Closing connection {} from {} with {}: {}", this.id, this.remoteAddress,
					ex.closeStatus().code(), ex.getMessage());
		Session session = this.session;
		CompletionStage<?> handling = (session != null) ? session.failedByPeer(ex) : null;
		if (handling == null) {
			closeEvent(Event.PROTOCOL_ERROR, ex.closeStatus());
			return;
		}
		// the messages received whole before the violation are still being handled on
		// another thread: the close frame waits for their replies, at most the close
		// timeout
		closeEvent(Event.PROTOCOL_ERROR_WHILE_HANDLING, ex.closeStatus());
		handling.whenComplete((result, failure) -> this.loop.run(() -> closeEvent(Event.MESSAGES_HANDLED, null)));
	}

	/**
	 * A data message arrived over the client's message rate: close with 1008 or drop it,
	 * by the limits' policy; the message is not passed to the handler either way.
	 * @param session the session
	 */
	void messageRateExceeded(Session session) {
		WsLimits limits = session.limits();
		MessageRatePolicy policy = limits.messageRatePolicy();
		if (policy == MessageRatePolicy.CLOSE && this.closeHandshake != null) {
			// closing already: the rest of this read is not delivered anyway
			return;
		}
		try {
			this.server.config().listener().messageRateExceeded(session, policy);
		}
		catch (RuntimeException ex) {
			logger.warn("WsServerListener failed", ex);
		}
		if (policy == MessageRatePolicy.DROP) {
			this.server.connectionLog()
				.info(System.nanoTime(), "Dropped a message on connection {} from {}: over {} messages per second",
						this.id, this.remoteAddress, limits.maxMessagesPerSecond());
			return;
		}
		this.server.connectionLog()
			.info(System.nanoTime(), "Closing connection {} from {} with 1008: over {} messages per second (burst {})",
					this.id, this.remoteAddress, limits.maxMessagesPerSecond(), limits.effectiveMessageBurst());
		// fail rather than close: no more of the flood is read (RFC 6455 §7.1.7)
		closeEvent(Event.PROTOCOL_ERROR, CloseStatus.POLICY_VIOLATION.withReason("message rate exceeded"));
	}

	/**
	 * Start the close handshake from the server side (RFC 6455 §7.1.2), from any thread.
	 */
	void closeLocally(CloseStatus status) {
		this.loop.run(() -> closeEvent(Event.LOCAL_CLOSE, status));
	}

	Action closeEvent(Event event, @Nullable CloseStatus status) {
		return closeEvent(event, status, System.nanoTime());
	}

	/**
	 * Pass an event to the close handshake, created on the first one, and carry out its
	 * decision; on the loop thread.
	 */
	Action closeEvent(Event event, @Nullable CloseStatus status, long now) {
		if (this.finished) {
			return Action.NONE;
		}
		CloseHandshake closing = this.closeHandshake;
		if (closing == null) {
			closing = new CloseHandshake(limits().closeTimeout());
			this.closeHandshake = closing;
		}
		CloseHandshake.Decision decision = closing.on(event, status, now);
		switch (decision.action()) {
			case NONE -> {
			}
			case SEND_CLOSE -> this.outbox.sendClose(decision.status());
			case SEND_CLOSE_AHEAD_OF_DATA -> {
				this.server.connectionLog()
					.info(now,
							"Closing connection {} from {} with 1013: it reads too slowly (outbound queue over {} bytes)",
							this.id, this.remoteAddress, limits().maxOutboundQueueBytes());
				this.outbox.discardUnstartedData();
				this.outbox.sendClose(decision.status());
			}
			case FLUSH -> scheduleFlush();
			case SHUT_OUTPUT -> {
				try {
					this.io.shutdownOutput();
				}
				catch (IOException ex) {
					finish();
				}
			}
			case FINISH -> finish();
		}
		return decision.action();
	}

	/**
	 * Close for server shutdown: 1001 to an open session, a plain close before the
	 * upgrade.
	 */
	void shutdown(CloseStatus goingAway) {
		if (this.session != null) {
			closeEvent(Event.LOCAL_CLOSE, goingAway);
		}
		else if (this.opening != null) {
			finish();
		}
	}

	void checkTimeouts(long now) {
		if (this.finished) {
			return;
		}
		WsLimits limits = limits();
		OpeningHandshake opening = this.opening;
		if (opening != null) {
			if (opening.isOverdue(now, limits.handshakeTimeout())) {
				logger.debug("Dropping connection from {}: no complete upgrade request within {}", this.remoteAddress,
						limits.handshakeTimeout());
				finish();
			}
			return;
		}
		if (this.closeHandshake != null) {
			if (closeEvent(Event.TIMEOUT_CHECK, null, now) == Action.FINISH) {
				logger.debug("Connection {} from {}: close timeout of {} passed", this.id, this.remoteAddress,
						limits.closeTimeout());
			}
			return;
		}
		Session session = this.session;
		if (this.openHeld) {
			if (session != null && now - this.openDeadlineNanos > 0) {
				refuseOpen(session, new WsHandshakeException(RejectionReason.SERVER_ERROR, 503,
						"session setup did not complete within " + limits.handshakeTimeout(), Map.of()));
			}
			return;
		}
		if (session != null) {
			session.checkIdle(now);
		}
	}

	/**
	 * Close the TCP connection now and report the session closed, once.
	 */
	void finish() {
		if (this.finished) {
			return;
		}
		this.finished = true;
		this.key.cancel();
		this.loop.afterDeregistration(this.key, this::closeSocket);
		this.outbox.close();
		releasePendingHandshake();
		if (this.limiterSlotHeld) {
			this.server.limiter().release(this.remoteAddress.getAddress());
		}
		Session session = this.session;
		if (session != null) {
			CloseHandshake closing = this.closeHandshake;
			session.closed((closing != null) ? closing.status() : CloseStatus.ABNORMAL,
					(closing != null) ? closing.initiator() : CloseInitiator.NONE);
		}
		this.server.connectionFinished();
	}

	void abort() {
		finish();
		// the loop is stopping: it will not select again to deregister the key
		closeSocket();
	}

	private void closeSocket() {
		if (this.io.isOpen()) {
			try {
				this.io.close();
			}
			catch (IOException ex) {
				logger.debug("Closing connection {} failed", this.id, ex);
			}
		}
	}

	void flush() {
		this.flushMarked = false;
		if (this.flushScheduled) {
			this.flushScheduled = false;
		}
		if (this.finished || this.openHeld) {
			return;
		}
		boolean drained;
		try {
			drained = this.outbox.flush(this.io, this.loop.writeBuffer());
		}
		catch (IOException ex) {
			logger.debug("Writing to {} failed: {}", this.remoteAddress, ex.getMessage());
			finish();
			return;
		}
		if (!drained || this.io.hasPendingOutput()) {
			this.key.interestOps(this.key.interestOps() | SelectionKey.OP_WRITE);
			return;
		}
		if ((this.key.interestOps() & SelectionKey.OP_WRITE) != 0) {
			this.key.interestOps(this.key.interestOps() & ~SelectionKey.OP_WRITE);
		}
		if (this.closeHandshake != null) {
			closeEvent(Event.OUTPUT_FLUSHED, null);
		}
	}

	@Override
	public void frameWritten(QueuedFrame frame) {
		Session session = this.session;
		// the handshake response was counted when it was built
		if (frame.kind != QueuedFrame.Kind.HANDSHAKE && session != null) {
			session.counters().sent(frame);
			FrameListener frameListener = session.frameListener();
			if (frameListener != null) {
				frameListener.frame(session, frame.summary(frameListener.payloadHeadBytes()));
			}
		}
	}

	@Override
	public void scheduleFlush() {
		if (this.loop.inLoop()) {
			// only the loop reads and writes this flag: no atomic needed
			if (!this.flushMarked) {
				this.flushMarked = true;
				this.loop.markDirty(this);
			}
			return;
		}
		// a plain volatile read first: the atomic exchange is only needed when no flush
		// is pending yet, which is rare while a connection is busy
		if (!this.flushScheduled && FLUSH_SCHEDULED.compareAndSet(this, false, true)) {
			Runnable flushTask = this.flushTask;
			if (flushTask == null) {
				// racing senders may each create one: harmless, and no allocation per
				// send
				flushTask = this::flush;
				this.flushTask = flushTask;
			}
			this.loop.execute(flushTask);
		}
	}

	@Override
	public void overflowed() {
		this.loop.run(() -> closeEvent(Event.SLOW_CONSUMER, null));
	}

	@Override
	public void messageDropped() {
		Session session = this.session;
		if (session != null) {
			session.counters().messageDropped();
		}
	}

	/**
	 * Return the limits in force: the server's until the upgrade, then the endpoint's.
	 */
	private WsLimits limits() {
		Session session = this.session;
		return (session != null) ? session.limits() : this.server.config().limits();
	}

	/**
	 * Whether the close handshake has started: a close frame was sent or received, the
	 * connection failed or the upgrade was refused.
	 */
	boolean isClosing() {
		return this.closeHandshake != null;
	}

	/**
	 * Return the session as far as {@link ServerRuntime#sessions()} is concerned: from
	 * its upgrade until its connection finishes.
	 * @return the session, or {@code null} before the upgrade and once finished
	 */
	@Nullable Session openSession() {
		return this.finished ? null : this.session;
	}

	long id() {
		return this.id;
	}

	ServerRuntime server() {
		return this.server;
	}

	EventLoop loop() {
		return this.loop;
	}

	Outbox outbox() {
		return this.outbox;
	}

	@Nullable String tlsProtocol() {
		return this.io.tlsProtocol();
	}

}
