package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.engine.ConnectionRefusal;
import io.wsboot.engine.WsServerListener;

/**
 * Counts the sockets that have not completed their upgrade, from accept to the 101 (or
 * the refusal), so that silent sockets cannot pile up until the handshake timeout and
 * take every file descriptor: past the limit a new socket is closed at once.
 */
final class PendingHandshakes {

	private final int max;

	private final AtomicInteger pending = new AtomicInteger();

	private final ConnectionLog log;

	private final WsServerListener listener;

	PendingHandshakes(int max, ConnectionLog log, WsServerListener listener) {
		this.max = max;
		this.log = log;
		this.listener = listener;
	}

	/**
	 * Take a slot for a socket just accepted.
	 * @return {@code true} when granted; the connection releases it once its upgrade is
	 * done or refused, or when it finishes before
	 */
	boolean tryAcquire() {
		if (this.pending.incrementAndGet() > this.max) {
			this.pending.decrementAndGet();
			return false;
		}
		return true;
	}

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
		if (peer != null) {
			this.log.info(System.nanoTime(), "Closed connection from {} at once: {} sockets have not completed "
					+ "their upgrade yet (max-pending-handshakes)", peer, this.max);
			this.listener.connectionRefused(ConnectionRefusal.PENDING_HANDSHAKES, peer);
		}
	}

	int pending() {
		return this.pending.get();
	}

}
