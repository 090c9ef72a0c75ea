package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.engine.ConnectionRefusal;
import io.wsboot.engine.WsServerListener;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the sockets that have not completed their upgrade, from accept to the 101 (or
 * the refusal), so that silent sockets cannot pile up until the handshake timeout and
 * take every file descriptor.
 *
 * <p>
 * At the limit, a new socket takes the slot of the oldest pending connection that has not
 * sent a single byte, which is closed at once: a flood of silent sockets then holds at
 * most the limit, and keeps no client that speaks out. When every pending connection has
 * sent something, the new socket is closed at once instead. Either way the socket closed
 * is counted and logged.
 *
 * <p>
 * A slot belongs to a connection while it is in the queue: whoever takes it out (the
 * connection when its upgrade is done or it finishes, or an eviction that hands the slot
 * to a new socket) decides what happens to the slot, so it is released exactly once.
 */
final class PendingHandshakes {

	private final int max;

	private final AtomicInteger pending = new AtomicInteger();

	/** The registered pending connections, oldest first. */
	private final ConcurrentLinkedQueue<Connection> queue = new ConcurrentLinkedQueue<>();

	private final ConnectionLog log;

	private final WsServerListener listener;

	PendingHandshakes(int max, ConnectionLog log, WsServerListener listener) {
		this.max = max;
		this.log = log;
		this.listener = listener;
	}

	/**
	 * Take a slot for a socket just accepted, on the accept loop: a free one, or the slot
	 * of the oldest silent pending connection, which is closed.
	 * @return {@code true} when granted; the connection created for the socket then
	 * {@linkplain #registered registers} with it
	 */
	boolean tryAcquire() {
		if (this.pending.incrementAndGet() <= this.max) {
			return true;
		}
		this.pending.decrementAndGet();
		Connection silent = takeOldestSilent();
		if (silent == null) {
			return false;
		}
		// its slot is now the new socket's: the connection finishes without releasing it
		refused(silent.peerAddress());
		silent.loop().execute(silent::evict);
		return true;
	}

	private @Nullable Connection takeOldestSilent() {
		for (Iterator<Connection> it = this.queue.iterator(); it.hasNext();) {
			Connection connection = it.next();
			if (connection.isSilent() && this.queue.remove(connection)) {
				return connection;
			}
		}
		return null;
	}

	/**
	 * Record a connection created with a slot; on its loop.
	 * @param connection the connection
	 */
	void registered(Connection connection) {
		this.queue.add(connection);
	}

	/**
	 * Release a connection's slot, unless an eviction took it already.
	 * @param connection the connection whose upgrade is done or that finished
	 */
	void release(Connection connection) {
		if (this.queue.remove(connection)) {
			this.pending.decrementAndGet();
		}
	}

	/**
	 * Release the slot of a socket whose connection could not be created.
	 */
	void release() {
		this.pending.decrementAndGet();
	}

	/**
	 * Close a socket refused for want of a slot, and report it.
	 * @param channel the accepted socket
	 */
	void refuse(SocketChannel channel) {
		InetSocketAddress peer = null;
		try {
			peer = (InetSocketAddress) channel.getRemoteAddress();
			channel.close();
		}
		catch (IOException ex) {
			// closing anyway; nothing more to report
		}
		refused(peer);
	}

	private void refused(@Nullable InetSocketAddress peer) {
		InetSocketAddress address = (peer != null) ? peer : new InetSocketAddress(0);
		this.log.info(System.nanoTime(),
				"Closed connection from {} at once: {} sockets have not completed their upgrade yet"
						+ " (max-pending-handshakes)",
				address, this.max);
		this.listener.connectionRefused(ConnectionRefusal.PENDING_HANDSHAKES, address);
	}

	int pending() {
		return this.pending.get();
	}

}
