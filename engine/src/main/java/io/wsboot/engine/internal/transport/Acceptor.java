package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections on the first event loop and hands them out round-robin.
 */
final class Acceptor {

	private static final Logger logger = LoggerFactory.getLogger(Acceptor.class);

	/** Connections accepted per selector wake-up before other work gets a turn. */
	private static final int MAX_ACCEPTS_PER_WAKEUP = 64;

	/** Pause after an accept failure such as "Too many open files": 100 ms. */
	private static final long BACKOFF_NANOS = 100_000_000L;

	/** Least time between two log lines about accept failures: 10 s. */
	private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

	private final ServerSocketChannel serverChannel;

	private final EventLoop acceptLoop;

	private final List<EventLoop> loops;

	private final ConnectionFactory connectionFactory;

	private final PendingHandshakes pendingHandshakes;

	private SelectionKey key;

	private int next;

	private boolean paused;

	private long resumeAtNanos;

	private long lastFailureLogNanos = System.nanoTime() - LOG_INTERVAL_NANOS;

	Acceptor(ServerSocketChannel serverChannel, EventLoop acceptLoop, List<EventLoop> loops,
			ConnectionFactory connectionFactory, PendingHandshakes pendingHandshakes) {
		this.serverChannel = serverChannel;
		this.acceptLoop = acceptLoop;
		this.loops = loops;
		this.connectionFactory = connectionFactory;
		this.pendingHandshakes = pendingHandshakes;
	}

	/**
	 * Register for OP_ACCEPT; must run on the accept loop.
	 * @throws IOException when the channel cannot be registered
	 */
	void register() throws IOException {
		this.key = this.serverChannel.register(this.acceptLoop.selector(), SelectionKey.OP_ACCEPT, this);
	}

	void accept() {
		for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP; i++) {
			SocketChannel channel;
			try {
				channel = this.serverChannel.accept();
			}
			catch (IOException ex) {
				backOff(ex);
				return;
			}
			if (channel == null) {
				return;
			}
			if (!this.pendingHandshakes.tryAcquire()) {
				// before any work for it: no task, no registration, no buffer
				this.pendingHandshakes.refuse(channel);
				continue;
			}
			EventLoop loop = this.loops.get(this.next);
			this.next = (this.next + 1) % this.loops.size();
			try {
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			catch (IOException ex) {
				this.pendingHandshakes.release();
				closeQuietly(channel);
				continue;
			}
			if (loop == this.acceptLoop) {
				// already on the loop that will own it: no task to queue and run later
				this.connectionFactory.register(channel, loop);
			}
			else {
				loop.execute(() -> this.connectionFactory.register(channel, loop));
			}
		}
	}

	/**
	 * Stop selecting OP_ACCEPT for a while: accept() would fail again at once and spin.
	 */
	private void backOff(IOException ex) {
		long now = System.nanoTime();
		if (now - this.lastFailureLogNanos >= LOG_INTERVAL_NANOS) {
			this.lastFailureLogNanos = now;
			logger.warn("Accepting a connection failed ({}); pausing accepts for 100 ms", ex.getMessage());
		}
		if (this.key != null && this.key.isValid()) {
			this.key.interestOps(0);
			this.resumeAtNanos = now + BACKOFF_NANOS;
			this.paused = true;
		}
	}

	/**
	 * Resume accepting once the back-off has passed; called by the loop's timeout sweep.
	 * @param now the current {@link System#nanoTime()}
	 */
	void tick(long now) {
		if (this.paused && now - this.resumeAtNanos >= 0 && this.key.isValid()) {
			this.paused = false;
			this.key.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	void close() {
		try {
			this.serverChannel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the server socket failed", ex);
		}
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// already failing; nothing more to report
		}
	}

	/**
	 * Creates the connection for an accepted channel on its event loop; the connection
	 * holds the pending-handshake slot the acceptor took for it.
	 */
	@FunctionalInterface
	interface ConnectionFactory {

		void register(SocketChannel channel, EventLoop loop);

	}

}
