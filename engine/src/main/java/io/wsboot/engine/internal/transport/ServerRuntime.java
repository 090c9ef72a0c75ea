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
import java.util.concurrent.atomic.AtomicLong;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.internal.extension.ExtensionFactory;
import io.wsboot.engine.internal.extension.deflate.PerMessageDeflateFactory;
import io.wsboot.engine.internal.routing.Router;
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

	/** Pending connections the kernel may queue before accept. */
	private static final int ACCEPT_BACKLOG = 1024;

	private final ServerConfig config;

	private final Router router;

	private final ConnectionLimiter limiter;

	private final PendingHandshakes pendingHandshakes;

	/** The extensions to negotiate, in order of preference, shared by all connections. */
	private final List<ExtensionFactory> extensions;

	private final List<EventLoop> loops = new ArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	private final Object connectionsLock = new Object();

	/** Where connections log about themselves, under the connection class's name. */
	private final ConnectionLog connectionLog = new ConnectionLog(LoggerFactory.getLogger(Connection.class));

	private int connections;

	private ServerSocketChannel serverChannel;

	private Acceptor acceptor;

	private InetSocketAddress localAddress;

	private ServerRuntime(ServerConfig config, Router router) {
		this.config = config;
		this.router = router;
		this.limiter = new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerAddress());
		this.pendingHandshakes = new PendingHandshakes(config.maxPendingHandshakes(), this.connectionLog,
				config.listener());
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
		EventLoop acceptLoop = this.loops.get(0);
		this.acceptor = new Acceptor(this.serverChannel, acceptLoop, List.copyOf(this.loops), this::register,
				this.pendingHandshakes);
		this.acceptor.register();
		Acceptor acceptor = this.acceptor;
		acceptLoop.setSweepTask((now) -> {
			acceptor.tick(now);
			this.connectionLog.tick(now);
		});
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
			this.pendingHandshakes.release();
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

	PendingHandshakes pendingHandshakes() {
		return this.pendingHandshakes;
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
	 * the timeout, then close what remains and stop the event loops.
	 * @param timeout how long to wait for close handshakes
	 */
	public void stop(Duration timeout) {
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
