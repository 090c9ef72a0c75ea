package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.internal.extension.ExtensionFactory;
import io.wsboot.engine.internal.extension.deflate.PerMessageDeflateFactory;
import io.wsboot.engine.internal.routing.Router;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the listening socket and the event loops, whose selectors are the
 * registry of connections. Created by {@link io.wsboot.engine.WsServer#start()}.
 *
 * @author wsboot
 */
public final class ServerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(ServerRuntime.class);

	/** The {@code Retry-After} of the 503 that refuses an upgrade during a drain. */
	public static final Duration DRAIN_RETRY_AFTER = Duration.ofSeconds(1);

	/**
	 * How long after the drain period the closes may still be going out: the loops close
	 * due sessions at their 50 ms sweeps, and a busy loop may be late.
	 */
	private static final Duration DRAIN_CLOSES_GRACE = Duration.ofSeconds(1);

	/** Pending connections the kernel may queue before accept. */
	private static final int ACCEPT_BACKLOG = 1024;

	private final ServerConfig config;

	private final Router router;

	private final ConnectionLimiter limiter;

	/** The extensions to negotiate, in order of preference, shared by all connections. */
	private final List<ExtensionFactory> extensions;

	private final List<EventLoop> loops = new ArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	private final Object connectionsLock = new Object();

	/** Where connections log about themselves, under the connection class's name. */
	private final ConnectionLog connectionLog = new ConnectionLog(LoggerFactory.getLogger(Connection.class));

	private int connections;

	/** The drain in progress or done, guarded by the connections lock. */
	private @Nullable CompletableFuture<Void> drain;

	/** Loops whose drain schedule has not closed all its sessions yet; under the lock. */
	private int drainingLoops;

	/** Whether {@link #stop} was called; under the connections lock. */
	private boolean stopping;

	/** Whether upgrades are refused because the server drains. */
	private volatile boolean draining;

	/** Each loop's drain schedule, by loop index; each slot is used by its loop only. */
	private @Nullable DrainSchedule[] drainSchedules = new DrainSchedule[0];

	private ServerSocketChannel serverChannel;

	private Acceptor acceptor;

	private InetSocketAddress localAddress;

	private ServerRuntime(ServerConfig config, Router router) {
		this.config = config;
		this.router = router;
		this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerAddress());
		PerMessageDeflate deflate = config.perMessageDeflate();
		this.extensions = (deflate != null && deflate.enabled()) ? List.of(new PerMessageDeflateFactory(deflate))
				: List.of();
	}

	/**
	 * Bind and start a server.
	 * @param config how to listen
	 * @param router the endpoints
	 * @return the running server
	 * @throws IOException when the address cannot be bound
	 */
	public static ServerRuntime start(ServerConfig config, Router router) throws IOException {
		ServerRuntime runtime = new ServerRuntime(config, router);
		try {
			runtime.bindAndRun();
		}
		catch (IOException | RuntimeException ex) {
			runtime.shutdownLoops();
			throw ex;
		}
		return runtime;
	}

	private void bindAndRun() throws IOException {
		this.serverChannel = ServerSocketChannel.open();
		this.serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		InetSocketAddress bindAddress = (this.config.address() != null)
				? new InetSocketAddress(this.config.address(), this.config.port())
				: new InetSocketAddress(this.config.port());
		try {
			this.serverChannel.bind(bindAddress, ACCEPT_BACKLOG);
		}
		catch (IOException ex) {
			this.serverChannel.close();
			throw new IOException("Could not bind the WebSocket server to " + bindAddress + ": " + ex.getMessage(), ex);
		}
		this.serverChannel.configureBlocking(false);
		this.localAddress = (InetSocketAddress) this.serverChannel.getLocalAddress();
		for (int i = 0; i < this.config.eventLoops(); i++) {
			this.loops.add(new EventLoop("wsboot-loop-" + i));
		}
		this.drainSchedules = new DrainSchedule[this.loops.size()];
		EventLoop acceptLoop = this.loops.get(0);
		this.acceptor = new Acceptor(this.serverChannel, acceptLoop, List.copyOf(this.loops), this::register);
		this.acceptor.register();
		Acceptor acceptor = this.acceptor;
		acceptLoop.setSweepTask((now) -> {
			acceptor.tick(now);
			this.connectionLog.tick(now);
			drainTick(0, now);
		});
		for (int i = 1; i < this.loops.size(); i++) {
			int index = i;
			this.loops.get(i).setSweepTask((now) -> drainTick(index, now));
		}
		for (EventLoop loop : this.loops) {
			loop.start();
		}
		logger.info("wsboot WebSocket server listening on {} with {} event loop(s)", this.localAddress,
				this.loops.size());
	}

	ConnectionLog connectionLog() {
		return this.connectionLog;
	}

	private void register(SocketChannel channel, EventLoop loop) {
		synchronized (this.connectionsLock) {
			this.connections++;
		}
		Connection connection;
		try {
			connection = new Connection(this, channel, loop);
		}
		catch (IOException ex) {
			logger.debug("Could not register an accepted connection", ex);
			connectionFinished();
			try {
				channel.close();
			}
			catch (IOException closeEx) {
				// nothing more to do
			}
			return;
		}
		// the connection is now in its loop's selector, which is the registry of
		// connections: nothing more to record
	}

	void connectionFinished() {
		synchronized (this.connectionsLock) {
			this.connections--;
			this.connectionsLock.notifyAll();
		}
	}

	long nextId() {
		return this.ids.incrementAndGet();
	}

	ServerConfig config() {
		return this.config;
	}

	Router router() {
		return this.router;
	}

	List<ExtensionFactory> extensions() {
		return this.extensions;
	}

	ConnectionLimiter limiter() {
		return this.limiter;
	}

	/**
	 * Return the bound address.
	 * @return the local address
	 */
	public InetSocketAddress localAddress() {
		return this.localAddress;
	}

	/**
	 * Return the open sessions, collected from the event loops' selectors rather than
	 * kept in a registry of their own, so that a connection costs no registry entry.
	 * @return a snapshot
	 */
	public Collection<WsSession> sessions() {
		List<WsSession> sessions = new ArrayList<>();
		for (EventLoop loop : this.loops) {
			for (Connection connection : loop.connectionsSnapshot()) {
				Session session = connection.openSession();
				if (session != null) {
					sessions.add(session);
				}
			}
		}
		return Collections.unmodifiableList(sessions);
	}

	/**
	 * Whether the listening socket is open and every event loop is alive.
	 * @return {@code true} when healthy
	 */
	public boolean isHealthy() {
		return this.serverChannel.isOpen() && this.loops.stream().allMatch(EventLoop::isAlive);
	}

	/**
	 * Stop accepting, close every session with 1001, wait for the close handshakes up to
	 * the timeout, then close what remains and stop the event loops. A drain in progress
	 * is cut short: the sessions it has not closed yet are closed now.
	 * @param timeout how long to wait for close handshakes
	 */
	public void stop(Duration timeout) {
		synchronized (this.connectionsLock) {
			this.stopping = true;
			this.connectionsLock.notifyAll();
		}
		this.acceptor.close();
		CloseStatus goingAway = CloseStatus.GOING_AWAY.withReason("server shutting down");
		for (EventLoop loop : this.loops) {
			loop.execute(() -> {
				for (Connection connection : loop.connectionsSnapshot()) {
					connection.shutdown(goingAway);
				}
			});
		}
		awaitConnectionsClosed(timeout);
		shutdownLoops();
		logger.info("wsboot WebSocket server on {} stopped", this.localAddress);
	}

	/**
	 * Drain for a rolling deploy: refuse upgrades with 503, close each open session at a
	 * random moment within the period, then wait up to the shutdown timeout for the close
	 * handshakes and stop. Returns at once; a second call returns the same future.
	 * @param period the period over which the sessions are closed
	 * @param status the status of the close frames
	 * @return completed once the server has stopped
	 */
	public CompletableFuture<Void> drain(Duration period, CloseStatus status) {
		CompletableFuture<Void> done;
		synchronized (this.connectionsLock) {
			if (this.drain != null) {
				return this.drain;
			}
			done = new CompletableFuture<>();
			this.drain = done;
			this.drainingLoops = this.loops.size();
			// set before any loop plans its closes: an upgrade a loop handles after
			// planning is refused, one it handled before is in its plan
			this.draining = true;
		}
		long startNanos = System.nanoTime();
		long periodNanos = period.toNanos();
		logger.info("wsboot WebSocket server on {} draining: refusing upgrades, closing sessions with {} over {}",
				this.localAddress, status.code(), period);
		for (int i = 0; i < this.loops.size(); i++) {
			int index = i;
			EventLoop loop = this.loops.get(i);
			loop.execute(() -> {
				this.drainSchedules[index] = DrainSchedule.plan(loop, startNanos, periodNanos, status);
				drainTick(index, System.nanoTime());
			});
		}
		Thread finisher = new Thread(() -> finishDrain(startNanos + periodNanos, done), "wsboot-drain");
		finisher.setDaemon(true);
		finisher.start();
		return done;
	}

	/**
	 * Whether the server drains: upgrades are refused and the sessions are being closed.
	 * @return {@code true} from the start of a drain
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Return the refusal of an upgrade during a drain: 503 with {@code Retry-After}, so
	 * that the client comes back in a moment, through a balancer that has by then taken
	 * this node out.
	 * @return the exception to refuse with
	 */
	WsHandshakeException drainingRefusal() {
		// RFC 9110 §15.6.4: 503 with Retry-After says the refusal is temporary
		return new WsHandshakeException(RejectionReason.SHUTTING_DOWN, 503, "server is shutting down",
				Map.of("Retry-After", Long.toString(DRAIN_RETRY_AFTER.toSeconds())));
	}

	/**
	 * Close a loop's sessions that are due; on that loop's thread, at each sweep.
	 */
	private void drainTick(int index, long now) {
		DrainSchedule schedule = this.drainSchedules[index];
		if (schedule != null && schedule.closeDue(now)) {
			this.drainSchedules[index] = null;
			synchronized (this.connectionsLock) {
				this.drainingLoops--;
				this.connectionsLock.notifyAll();
			}
		}
	}

	private void finishDrain(long closesDueNanos, CompletableFuture<Void> done) {
		try {
			// every loop closes its last session at its first sweep after the period
			long closesDeadline = closesDueNanos + DRAIN_CLOSES_GRACE.toNanos();
			synchronized (this.connectionsLock) {
				while (this.drainingLoops > 0 && !this.stopping) {
					long remainingMillis = (closesDeadline - System.nanoTime()) / 1_000_000L;
					if (remainingMillis <= 0) {
						break;
					}
					this.connectionsLock.wait(remainingMillis);
				}
			}
			// every client was told: new ones now find the port closed rather than a 503
			this.acceptor.close();
			awaitConnectionsClosed(this.config.shutdownTimeout());
			shutdownLoops();
			logger.info("wsboot WebSocket server on {} drained and stopped", this.localAddress);
			done.complete(null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			shutdownLoops();
			done.completeExceptionally(ex);
		}
		catch (RuntimeException | Error ex) {
			done.completeExceptionally(ex);
			throw ex;
		}
	}

	private void awaitConnectionsClosed(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.connectionsLock) {
			while (this.connections > 0) {
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
				if (remainingMillis <= 0) {
					logger.info("{} connection(s) did not finish closing within {}; closing them now", this.connections,
							timeout);
					return;
				}
				try {
					this.connectionsLock.wait(remainingMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void shutdownLoops() {
		for (EventLoop loop : this.loops) {
			try {
				loop.shutdown();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.serverChannel != null && this.serverChannel.isOpen()) {
			try {
				this.serverChannel.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the server socket failed", ex);
			}
		}
	}

}
