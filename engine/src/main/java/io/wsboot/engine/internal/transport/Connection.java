package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.SendResult;
import io.wsboot.engine.SessionStats;
import io.wsboot.engine.TlsConfig;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsProtocolException;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.frame.Frame;
import io.wsboot.engine.internal.frame.FrameDecoder;
import io.wsboot.engine.internal.frame.FrameSink;
import io.wsboot.engine.internal.handshake.HandshakeRequestParser;
import io.wsboot.engine.internal.session.CloseFrames;
import io.wsboot.engine.internal.session.ConnectionState;
import io.wsboot.engine.internal.session.MessageAssembler;
import io.wsboot.engine.internal.session.MessageListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection from accept to close: the opening handshake (RFC 6455 §4), then
 * frames in strict order (§5), the close handshake (§7) and the outbound queue. Its
 * protocol state is touched only by its event loop; sends may come from any thread.
 */
final class Connection implements WsSession, FrameSink, MessageListener, Outbox.Owner {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	/** Reads per readiness event before other connections get a turn. */
	private static final int MAX_READS_PER_EVENT = 4;

	/**
	 * Header (2) and mask (4) of a client control frame, whose payload is at most 125.
	 */
	private static final int CLIENT_CONTROL_OVERHEAD_BYTES = 6;

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private static final VarHandle FLUSH_SCHEDULED;

	private static final VarHandle ATTRIBUTES;

	private static final VarHandle STATS;

	static {
		try {
			FLUSH_SCHEDULED = MethodHandles.lookup().findVarHandle(Connection.class, "flushScheduled", boolean.class);
			ATTRIBUTES = MethodHandles.lookup().findVarHandle(Connection.class, "attributes", Map.class);
			STATS = MethodHandles.lookup().findVarHandle(Connection.class, "stats", ConnectionStats.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private enum Phase {

		/** Waiting for the upgrade request. */
		HANDSHAKE,

		/** The request was answered with an error; closing once it is written. */
		REJECTED,

		/** Speaking WebSocket. */
		UPGRADED

	}

	private final ServerRuntime server;

	private final SocketIo io;

	private final EventLoop loop;

	private final SelectionKey key;

	private final InetSocketAddress remoteAddress;

	/** The session id; {@link #id()} formats it when asked. */
	private final long id;

	private final long acceptedAtNanos;

	/**
	 * The traffic counters, created by {@link #counters()} on the first frame, so that an
	 * idle connection keeps none; until then {@link #stats()} hands out a
	 * {@link StatsView}.
	 */
	private volatile @Nullable ConnectionStats stats;

	/**
	 * The size of the 101 response, until {@link #counters()} takes it over; that of the
	 * request is the length of {@link #requestHead}.
	 */
	private int handshakeResponseBytes;

	private long openedAtMillis;

	private final Outbox outbox;

	/**
	 * Whether a flush task is queued on the loop for a send from another thread; set with
	 * {@link #FLUSH_SCHEDULED}.
	 */
	private volatile boolean flushScheduled;

	/** Created on first use, by {@link #attributes()}: most sessions never have any. */
	private volatile @Nullable Map<String, Object> attributes;

	/** Whether this connection is in the loop's dirty list; on the loop thread only. */
	private boolean flushMarked;

	/** The layer above the engine keeps its per-session state here. */
	private volatile @Nullable Object attachment;

	private volatile Phase phase = Phase.HANDSHAKE;

	private volatile ConnectionState state = ConnectionState.OPEN;

	private @Nullable HandshakeRequestParser parser;

	/**
	 * The parsed request, held only from the end of the head until the session is open
	 * (or the connection rejected): a session keeps {@link #requestHead} instead, a few
	 * hundred bytes where the parsed form takes about four times as much.
	 */
	private volatile @Nullable HandshakeRequest request;

	/**
	 * The request head as received, once parsed, in the {@link CompactHead compact form}
	 * that takes about a third of the bytes.
	 */
	private volatile byte @Nullable [] requestHead;

	/**
	 * The request parsed again from {@link #requestHead} for the last caller of
	 * {@link #handshakeRequest()}, so that callers holding it get the same instance.
	 */
	private volatile @Nullable WeakReference<HandshakeRequest> reparsedRequest;

	private @Nullable Endpoint endpoint;

	private WsLimits limits;

	private Map<String, String> pathVariables = Map.of();

	private @Nullable String subprotocol;

	private List<String> extensionElements = List.of();

	/**
	 * The read side of the session, created on its first frame bytes by
	 * {@link #startReading()}: an idle connection keeps no decoder nor assembler.
	 */
	private @Nullable FrameDecoder decoder;

	private @Nullable MessageAssembler assembler;

	private boolean limiterSlotHeld;

	private boolean inputDiscarded;

	private boolean closeAfterFlush;

	private boolean shutdownOutputAfterFlush;

	private boolean outputShut;

	private volatile boolean finished;

	private @Nullable OpCode controlOpCode;

	private ByteBuffer controlPayload = EMPTY;

	private CloseStatus closeStatus = CloseStatus.ABNORMAL;

	private CloseInitiator initiator = CloseInitiator.NONE;

	private long lastReadNanos;

	private long nextPingNanos;

	private long closeDeadlineNanos;

	Connection(ServerRuntime server, SocketChannel channel, EventLoop loop) throws IOException {
		this.server = server;
		this.loop = loop;
		this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
		this.id = server.nextId();
		this.acceptedAtNanos = System.nanoTime();
		this.limits = server.config().limits();
		this.parser = new HandshakeRequestParser(this.limits.maxHandshakeHeadBytes());
		this.outbox = new Outbox(new FrameQueue(), this.limits, this);
		TlsConfig tls = server.config().tls();
		this.io = (tls != null) ? new TlsSocketIo(channel, newSslEngine(tls)) : new PlainSocketIo(channel);
		this.key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
	}

	private SSLEngine newSslEngine(TlsConfig tls) throws IOException {
		SSLEngine engine = tls.context()
			.get()
			.createSSLEngine(this.remoteAddress.getHostString(), this.remoteAddress.getPort());
		engine.setUseClientMode(false);
		if (!tls.protocols().isEmpty()) {
			engine.setEnabledProtocols(tls.protocols().toArray(String[]::new));
		}
		if (!tls.cipherSuites().isEmpty()) {
			engine.setEnabledCipherSuites(tls.cipherSuites().toArray(String[]::new));
		}
		engine.beginHandshake();
		return engine;
	}

	// ---- reading ----------------------------------------------------------------------

	void read() {
		ByteBuffer buffer = this.loop.readBuffer();
		for (int i = 0; i < MAX_READS_PER_EVENT && !this.finished; i++) {
			// frames queued with a view of the buffer as payload are written or copied
			// before it is overwritten
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
			this.lastReadNanos = System.nanoTime();
			buffer.flip();
			process(buffer);
			if (count < buffer.capacity() && !this.io.hasBufferedInput()) {
				break;
			}
		}
		if (this.finished) {
			return;
		}
		if (this.io.hasBufferedInput()) {
			// TLS records already taken from the socket: the selector will not report
			// them
			this.loop.execute(this::read);
		}
		if (this.io.hasPendingOutput()) {
			this.key.interestOps(this.key.interestOps() | SelectionKey.OP_WRITE);
		}
	}

	private void process(ByteBuffer buffer) {
		try {
			if (this.phase == Phase.HANDSHAKE) {
				HandshakeRequest parsed = this.parser.parse(buffer, this.remoteAddress);
				if (parsed == null) {
					return;
				}
				upgrade(parsed);
			}
			if (this.phase != Phase.UPGRADED || this.inputDiscarded || !buffer.hasRemaining()) {
				return;
			}
			if (this.decoder == null) {
				startReading();
			}
			int start = buffer.position();
			try {
				// RFC 6455 §5.4: frames are processed strictly in the order
				// received, so a valid message that precedes a protocol error in
				// the same read is delivered first
				while (buffer.hasRemaining() && !this.inputDiscarded && !this.finished) {
					this.decoder.decode(buffer, this);
				}
			}
			finally {
				counters().wireBytesIn += buffer.position() - start;
			}
		}
		catch (WsHandshakeException ex) {
			reject(ex);
		}
		catch (WsProtocolException ex) {
			fail(ex);
		}
	}

	private void onEndOfStream() {
		if (this.phase == Phase.UPGRADED && this.state == ConnectionState.OPEN) {
			logger.debug("Connection {} from {} closed without a close frame", this.id, this.remoteAddress);
			this.closeStatus = CloseStatus.ABNORMAL;
		}
		finish();
	}

	// ---- opening handshake (RFC 6455 §4.2)
	// ------------------------------------------------

	private void upgrade(HandshakeRequest request) {
		this.request = request;
		this.requestHead = CompactHead.compact(this.parser.rawHead());
		this.parser = null;
		Upgrade upgrade = Upgrade.negotiate(request, this.server, this::attributes);
		this.limiterSlotHeld = upgrade.limiterSlotHeld();
		this.endpoint = upgrade.endpoint();
		this.limits = upgrade.endpoint().limits();
		this.pathVariables = upgrade.pathVariables();
		this.subprotocol = upgrade.subprotocol();
		this.extensionElements = upgrade.extensionElements();
		ByteBuffer response = upgrade.response();
		this.handshakeResponseBytes = response.remaining();
		this.openedAtMillis = System.currentTimeMillis();
		ExtensionCodec codec = upgrade.extension();
		this.phase = Phase.UPGRADED;
		long now = System.nanoTime();
		this.lastReadNanos = now;
		this.nextPingNanos = now + this.limits.pingInterval().toNanos();
		this.outbox.upgraded(this.limits, codec);
		this.outbox.sendHandshakeResponse(response);
		safely("listener", () -> this.server.config().listener().sessionOpened(this));
		invokeHandler("onOpen", () -> this.endpoint.handler().onOpen(this));
		// from now on handshakeRequest() parses the head again when asked
		this.request = null;
	}

	/**
	 * Create the read side on the first frame bytes rather than at the upgrade: most of a
	 * server's connections are idle at any moment, and an idle connection keeps no
	 * decoder nor assembler.
	 */
	private void startReading() {
		ExtensionCodec codec = this.outbox.extension();
		this.decoder = new FrameDecoder(this.limits.maxFramePayloadBytes(), (codec != null) ? codec.rsvMask() : 0);
		MessageAssembler assembler = new MessageAssembler(this.limits.maxMessageBytes(), this, this.loop.textScratch());
		assembler.setExtension(codec);
		assembler.setBorrowBinary(this.endpoint.handler().borrowsBinaryMessages());
		this.assembler = assembler;
	}

	private void reject(WsHandshakeException ex) {
		HandshakeRequest request = this.request;
		this.server.connectionLog()
			.info(System.nanoTime(), "Rejected WebSocket handshake from {} for {}: {} {}", this.remoteAddress,
					(request != null) ? request.path() : "(unparsed request)", ex.httpStatus(), ex.getMessage());
		this.phase = Phase.REJECTED;
		this.parser = null;
		this.server.config().listener().handshakeRejected(request, ex.httpStatus(), ex.getMessage());
		this.closeAfterFlush = true;
		this.closeDeadlineNanos = System.nanoTime() + this.limits.closeTimeout().toNanos();
		this.outbox.sendHandshakeResponse(Upgrade.errorResponse(ex));
	}

	// ---- frames (RFC 6455 §5)
	// -------------------------------------------------------------

	@Override
	public void frameStart(boolean fin, int rsv, OpCode opCode, long payloadLength) {
		if (opCode.isControl()) {
			this.controlOpCode = opCode;
			this.controlPayload = EMPTY;
			return;
		}
		this.controlOpCode = null;
		counters().payloadBytesIn += payloadLength;
		this.assembler.frameStart(fin, rsv, opCode, payloadLength);
	}

	@Override
	public void payload(ByteBuffer chunk) {
		if (this.controlOpCode != null) {
			// the decoder passes a control frame's whole payload (at most 125 bytes) at
			// once, as a view of the read buffer: keep a copy
			ByteBuffer copy = ByteBuffer.allocate(chunk.remaining());
			copy.put(chunk).flip();
			this.controlPayload = copy;
			return;
		}
		this.assembler.payload(chunk);
	}

	@Override
	public void maskedPayload(ByteBuffer chunk, int maskKey, long frameOffset) {
		// data frames only: unmasked while copied out of the read buffer
		this.assembler.maskedPayload(chunk, maskKey, frameOffset);
	}

	@Override
	public void frameEnd() {
		OpCode opCode = this.controlOpCode;
		if (opCode == null) {
			this.assembler.frameEnd();
			return;
		}
		this.controlOpCode = null;
		ByteBuffer payload = this.controlPayload;
		this.controlPayload = EMPTY;
		counters().controlFrameReceived(CLIENT_CONTROL_OVERHEAD_BYTES + payload.remaining());
		switch (opCode) {
			case PING -> {
				// RFC 6455 §5.5.2: answer a ping with a pong carrying the same
				// application data
				if (this.state == ConnectionState.OPEN) {
					this.outbox.sendPong(payload);
				}
			}
			case PONG -> invokeHandler("onPong", () -> this.endpoint.handler().onPong(this, payload));
			case CLOSE -> onCloseFrame(CloseFrames.parse(payload));
			default -> throw new IllegalStateException("not a control opcode: " + opCode);
		}
	}

	@Override
	public void onText(String text) {
		ConnectionStats stats = counters();
		stats.textMessagesIn++;
		stats.messageBytesIn += this.assembler.lastMessageBytes();
		invokeHandler("onText", () -> this.endpoint.handler().onText(this, text));
	}

	@Override
	public void onBinary(ByteBuffer data) {
		ConnectionStats stats = counters();
		stats.binaryMessagesIn++;
		stats.messageBytesIn += this.assembler.lastMessageBytes();
		// a borrowed message is a view of the read buffer, valid during the call only
		boolean borrowed = this.assembler.lastBinaryBorrowed();
		if (borrowed) {
			this.loop.lend(data);
		}
		try {
			invokeHandler("onBinary", () -> this.endpoint.handler().onBinary(this, data));
		}
		finally {
			if (borrowed) {
				this.loop.lend(null);
			}
		}
	}

	// ---- closing (RFC 6455 §5.5.1, §7)
	// ----------------------------------------------------

	private void onCloseFrame(CloseStatus received) {
		// RFC 6455 §5.5.1: after a close frame, nothing more the peer sends is processed
		this.inputDiscarded = true;
		if (this.state == ConnectionState.OPEN) {
			this.state = this.state.transitionTo(ConnectionState.CLOSE_RECEIVED);
			this.initiator = CloseInitiator.CLIENT;
			this.closeStatus = received;
			// RFC 6455 §5.5.1: answer with a close frame, echoing the status code
			// received;
			// RFC 6455 §7.1.1: then the server closes the TCP connection first
			this.closeAfterFlush = true;
			this.closeDeadlineNanos = System.nanoTime() + this.limits.closeTimeout().toNanos();
			this.outbox.sendClose(received);
		}
		else if (this.state == ConnectionState.CLOSE_SENT) {
			// our close was answered: the close handshake is complete (RFC 6455 §7.1.1)
			this.closeAfterFlush = true;
			scheduleFlush();
		}
	}

	/**
	 * Fail the WebSocket connection (RFC 6455 §7.1.7): send a close frame with the status
	 * of the violation, stop processing input, and close TCP once the peer answers or the
	 * close timeout passes.
	 */
	private void fail(WsProtocolException ex) {
		CloseStatus status = ex.closeStatus();
		this.server.connectionLog()
			.info(System.nanoTime(), "Closing connection {} from {} with {}: {}", this.id, this.remoteAddress,
					status.code(), ex.getMessage());
		this.inputDiscarded = true;
		Endpoint endpoint = this.endpoint;
		if (endpoint != null) {
			safely("onError", () -> endpoint.handler().onError(this, ex));
		}
		if (this.state == ConnectionState.OPEN) {
			this.state = this.state.transitionTo(ConnectionState.CLOSE_SENT);
			this.initiator = CloseInitiator.SERVER;
			this.closeStatus = status;
			this.shutdownOutputAfterFlush = true;
			this.closeDeadlineNanos = System.nanoTime() + this.limits.closeTimeout().toNanos();
			this.outbox.sendClose(status);
		}
		else {
			finish();
		}
	}

	/**
	 * Start the close handshake from the server side (RFC 6455 §7.1.2); on the loop
	 * thread.
	 */
	private void initiateClose(CloseStatus status) {
		if (this.phase != Phase.UPGRADED || this.state != ConnectionState.OPEN || this.finished) {
			return;
		}
		this.state = this.state.transitionTo(ConnectionState.CLOSE_SENT);
		this.initiator = CloseInitiator.SERVER;
		this.closeStatus = status;
		this.closeDeadlineNanos = System.nanoTime() + this.limits.closeTimeout().toNanos();
		this.outbox.sendClose(status);
	}

	/**
	 * Close for server shutdown: 1001 to an open session, a plain close otherwise.
	 */
	void shutdown(CloseStatus goingAway) {
		if (this.phase == Phase.UPGRADED && this.state == ConnectionState.OPEN) {
			initiateClose(goingAway);
			this.loop.markDirty(this);
		}
		else if (this.phase == Phase.HANDSHAKE) {
			finish();
		}
	}

	void checkTimeouts(long now) {
		if (this.finished) {
			return;
		}
		if (this.phase == Phase.HANDSHAKE) {
			if (now - this.acceptedAtNanos > this.limits.handshakeTimeout().toNanos()) {
				logger.debug("Dropping connection from {}: no complete upgrade request within {}", this.remoteAddress,
						this.limits.handshakeTimeout());
				finish();
			}
			return;
		}
		if (this.closeDeadlineNanos != 0 && now - this.closeDeadlineNanos > 0) {
			logger.debug("Connection {} from {}: close timeout of {} passed", this.id, this.remoteAddress,
					this.limits.closeTimeout());
			finish();
			return;
		}
		if (this.phase != Phase.UPGRADED || this.state != ConnectionState.OPEN) {
			return;
		}
		long idleNanos = this.limits.idleTimeout().toNanos();
		if (idleNanos > 0 && now - this.lastReadNanos > idleNanos) {
			initiateClose(CloseStatus.GOING_AWAY.withReason("idle timeout"));
			this.loop.markDirty(this);
			return;
		}
		long pingNanos = this.limits.pingInterval().toNanos();
		if (pingNanos > 0 && now - this.nextPingNanos >= 0) {
			this.nextPingNanos = Math.max(now, this.lastReadNanos) + pingNanos;
			this.outbox.sendControl(OpCode.PING, EMPTY, false);
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
		this.state = ConnectionState.CLOSED;
		this.key.cancel();
		closeSocketOnceDeregistered();
		this.outbox.close();
		if (this.limiterSlotHeld) {
			this.server.limiter().release(this.remoteAddress.getAddress());
		}
		if (this.phase == Phase.UPGRADED) {
			invokeHandlerQuietly("onClose", () -> this.endpoint.handler().onClose(this, this.closeStatus));
			safely("listener",
					() -> this.server.config().listener().sessionClosed(this, this.closeStatus, this.initiator));
		}
		this.server.connectionFinished();
	}

	void abort() {
		finish();
		// the loop is stopping: it will not select again to deregister the key
		closeSocket();
	}

	/**
	 * Close the socket once the loop's next select has deregistered the cancelled key.
	 * Closed while still registered, the JDK cannot close the descriptor at once (the
	 * selector does it on deregistration) and reads {@code SO_LINGER} and shuts the
	 * output down first, two system calls of the fourteen or so a short session costs.
	 * The queued task makes the next select return at once, so the peer sees the FIN
	 * without waiting for other events, and the task runs in the same iteration as the
	 * select that deregisters the key. Until then the key stays in the selector's key
	 * set, so that a loop that stops in between still finds and closes the connection.
	 */
	private void closeSocketOnceDeregistered() {
		if (this.key.channel().isRegistered() && this.loop.isAlive()) {
			this.loop.execute(this::closeSocketOnceDeregistered);
			return;
		}
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

	// ---- writing
	// ----------------------------------------------------------------------------

	void flush() {
		this.flushMarked = false;
		if (this.flushScheduled) {
			this.flushScheduled = false;
		}
		if (this.finished) {
			return;
		}
		FrameQueue.WriteBuffer out = this.loop.writeBuffer();
		boolean drained;
		try {
			this.io.flushPendingOutput();
			drained = this.outbox.writeTo(this.io, out);
		}
		catch (IOException ex) {
			logger.debug("Writing to {} failed: {}", this.remoteAddress, ex.getMessage());
			sent(out.takeWritten());
			finish();
			return;
		}
		sent(out.takeWritten());
		if (!drained || this.io.hasPendingOutput()) {
			this.key.interestOps(this.key.interestOps() | SelectionKey.OP_WRITE);
			return;
		}
		if ((this.key.interestOps() & SelectionKey.OP_WRITE) != 0) {
			this.key.interestOps(this.key.interestOps() & ~SelectionKey.OP_WRITE);
		}
		if (this.closeAfterFlush) {
			finish();
		}
		else if (this.shutdownOutputAfterFlush && !this.outputShut) {
			// half-close after the close frame, then drain input until the peer closes,
			// so
			// that unread input never turns our FIN into a reset that loses the close
			// frame
			this.outputShut = true;
			try {
				this.io.shutdownOutput();
			}
			catch (IOException ex) {
				finish();
			}
		}
	}

	/**
	 * Report frames written completely SENT, in order; they were taken from the loop's
	 * write buffer first, so that a callback that sends cannot disturb the list.
	 */
	private void sent(@Nullable QueuedFrame written) {
		QueuedFrame frame = written;
		while (frame != null) {
			QueuedFrame next = frame.next;
			frame.next = null;
			if (frame.kind != QueuedFrame.Kind.HANDSHAKE) {
				// the handshake was counted when the response was built
				counters().sent(frame);
			}
			frame.complete(SendResult.SENT);
			frame = next;
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
			this.loop.execute(this::flush);
		}
	}

	@Override
	public void overflowed() {
		runOnLoop(this::closeSlowConsumer);
	}

	@Override
	public void messageDropped() {
		counters().messageDropped();
	}

	private void closeSlowConsumer() {
		if (this.state != ConnectionState.OPEN) {
			return;
		}
		this.server.connectionLog()
			.info(System.nanoTime(),
					"Closing connection {} from {} with 1013: it reads too slowly (outbound queue over {} bytes)",
					this.id, this.remoteAddress, this.limits.maxOutboundQueueBytes());
		this.outbox.discardUnstartedData();
		initiateClose(CloseStatus.TRY_AGAIN_LATER.withReason("client reads too slowly"));
	}

	private void runOnLoop(Runnable task) {
		if (this.loop.inLoop()) {
			task.run();
		}
		else {
			this.loop.execute(task);
		}
	}

	// ---- handler calls
	// ------------------------------------------------------------------------

	private void invokeHandler(String method, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException | Error ex) {
			logger.warn("WebSocket handler {} of {} failed for session {}", method, this.endpoint.pathTemplate(),
					this.id, ex);
			safely("onError", () -> this.endpoint.handler().onError(this, ex));
			initiateClose(CloseStatus.INTERNAL_ERROR.withReason("handler failed"));
		}
	}

	private void invokeHandlerQuietly(String method, Runnable call) {
		safely(method, call);
	}

	private void safely(String what, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException | Error ex) {
			logger.warn("{} failed for WebSocket session {}", what, this.id, ex);
		}
	}

	// ---- WsSession
	// -------------------------------------------------------------------------

	@Override
	public String id() {
		// formatted on each call rather than cached: a cache would cost every connection
		// a field, and callers (logs, registries) ask rarely
		return Long.toString(this.id);
	}

	@Override
	public String path() {
		HandshakeRequest request = this.request;
		if (request != null) {
			return request.path();
		}
		byte[] head = this.requestHead;
		return (head != null) ? HandshakeRequestParser.path(CompactHead.expand(head)) : "";
	}

	@Override
	public String pathTemplate() {
		Endpoint endpoint = this.endpoint;
		return (endpoint != null) ? endpoint.pathTemplate() : "";
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	@Override
	public HandshakeRequest handshakeRequest() {
		HandshakeRequest request = this.request;
		if (request != null) {
			if (this.reparsedRequest == null) {
				// the session is opening: a caller that holds this instance gets it
				// again after the strong reference is dropped
				this.reparsedRequest = new WeakReference<>(request);
			}
			return request;
		}
		byte[] head = this.requestHead;
		if (head == null) {
			throw new IllegalStateException("no handshake request yet");
		}
		WeakReference<HandshakeRequest> reparsed = this.reparsedRequest;
		request = (reparsed != null) ? reparsed.get() : null;
		if (request == null) {
			// the head was valid when received, so it parses again the same way
			request = HandshakeRequestParser.parseHead(CompactHead.expand(head), this.remoteAddress);
			this.reparsedRequest = new WeakReference<>(request);
		}
		return request;
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
		return this.io.tlsProtocol();
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
		if (this.phase != Phase.UPGRADED) {
			return CompletableFuture.completedFuture(SendResult.CLOSED);
		}
		return this.outbox.sendText(text.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public CompletableFuture<SendResult> sendBinary(ByteBuffer data) {
		if (this.phase != Phase.UPGRADED) {
			return CompletableFuture.completedFuture(SendResult.CLOSED);
		}
		EventLoop current = data.isDirect() ? EventLoop.current() : null;
		ByteBuffer lent = (current != null) ? current.lent() : null;
		if (lent == null) {
			return this.outbox.sendData(OpCode.BINARY, data);
		}
		if (data != lent || current != this.loop) {
			// a view of the lent buffer, or a session whose loop writes later: either
			// could see the read buffer overwritten, so the frame gets a copy
			ByteBuffer copy = ByteBuffer.allocate(data.remaining());
			copy.put(data.duplicate()).flip();
			return this.outbox.sendData(OpCode.BINARY, copy);
		}
		CompletableFuture<SendResult> result = this.outbox.sendData(OpCode.BINARY, data);
		if (!result.isDone() && result instanceof QueuedFrame frame) {
			current.lentFrameQueued(frame, this.outbox);
		}
		return result;
	}

	@Override
	public CompletableFuture<SendResult> send(PreparedMessage message) {
		if (this.phase != Phase.UPGRADED) {
			return CompletableFuture.completedFuture(SendResult.CLOSED);
		}
		return this.outbox.sendPrepared(message);
	}

	@Override
	public CompletableFuture<SendResult> sendPing(ByteBuffer payload) {
		if (payload.remaining() > Frame.MAX_CONTROL_PAYLOAD_BYTES) {
			throw new IllegalArgumentException(
					"ping payload of " + payload.remaining() + " bytes exceeds " + Frame.MAX_CONTROL_PAYLOAD_BYTES);
		}
		if (this.phase != Phase.UPGRADED) {
			return CompletableFuture.completedFuture(SendResult.CLOSED);
		}
		return this.outbox.sendControl(OpCode.PING, payload, true);
	}

	@Override
	public void close(CloseStatus status) {
		// RFC 6455 §7.4.1: 1005, 1006 and 1015 are never sent; unassigned codes are
		// errors
		if (!CloseStatus.isValidOnWire(status.code())) {
			throw new IllegalArgumentException("close code " + status.code() + " cannot be sent in a close frame");
		}
		// refuse sends made after close() returns, before the loop queues the close frame
		if (this.phase != Phase.UPGRADED || !this.outbox.requestClose()) {
			return;
		}
		runOnLoop(() -> {
			initiateClose(status);
			scheduleFlush();
		});
	}

	@Override
	public boolean isOpen() {
		return this.phase == Phase.UPGRADED && this.state == ConnectionState.OPEN && !this.outbox.isClosing();
	}

	@Override
	public SessionStats stats() {
		ConnectionStats stats = this.stats;
		// metrics ask every session: a short-lived view keeps an idle one free of
		// counters
		return (stats != null) ? stats : new StatsView(this);
	}

	/**
	 * Return the traffic counters, creating them on the first frame or drop; on any
	 * thread, since a sender counts its drops.
	 */
	private ConnectionStats counters() {
		ConnectionStats stats = this.stats;
		if (stats == null) {
			ConnectionStats created = new ConnectionStats(this.outbox.queue(), handshakeRequestBytes(),
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
		byte[] head = this.requestHead;
		return (head != null) ? CompactHead.expandedLength(head) : 0;
	}

	long handshakeResponseBytes() {
		return this.handshakeResponseBytes;
	}

	long openedAtMillis() {
		return this.openedAtMillis;
	}

	long queuedBytes() {
		return this.outbox.queue().queuedBytes();
	}

	/**
	 * Whether the session is open as far as {@link ServerRuntime#sessions()} is
	 * concerned: from its upgrade until its connection finishes.
	 */
	boolean isSessionOpen() {
		return this.phase == Phase.UPGRADED && !this.finished;
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
		return "WsSession[" + this.id + " " + path() + " from " + this.remoteAddress + "]";
	}

}
