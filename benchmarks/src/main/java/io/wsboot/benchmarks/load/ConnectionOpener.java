package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.benchmarks.load.ClientConnection.Phase;

/**
 * Opens the connections of a scenario with at most 64 connects and handshakes in progress
 * at once, below every peer's accept backlog, and starts another connect as each one
 * finishes or fails.
 *
 * @author wsboot
 */
final class ConnectionOpener implements LoadPhase {

	/** Connects and handshakes in progress at once, below every peer's accept backlog. */
	private static final int MAX_PENDING_CONNECTS = 64;

	/** Longest wait for the connections of a scenario to open: 120 s. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

	private final ClientLoop loop;

	private final List<ClientConnection> opened = new ArrayList<>();

	private int toConnect;

	private int failures;

	/**
	 * Create an opener.
	 * @param loop the loop the connections run on
	 */
	ConnectionOpener(ClientLoop loop) {
		this.loop = loop;
	}

	/**
	 * Open connections and wait until each is open or has failed, for at most 120 s.
	 * @param count how many
	 * @return the connections that opened
	 * @throws IOException when the selector fails
	 */
	List<ClientConnection> open(int count) throws IOException {
		this.loop.enter(this);
		this.opened.clear();
		this.toConnect = count;
		this.loop.resetPending();
		this.failures = 0;
		fillPending();
		long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
		if (!this.loop.pump(deadline, () -> this.opened.size() + this.failures == count)) {
			this.loop.error((count - this.opened.size() - this.failures) + " connections did not open within "
					+ CONNECT_TIMEOUT.toSeconds() + " s");
		}
		List<ClientConnection> opened = new ArrayList<>(this.opened);
		this.opened.clear();
		return opened;
	}

	private void fillPending() {
		while (this.toConnect > 0 && this.loop.pending() < MAX_PENDING_CONNECTS) {
			this.toConnect--;
			if (this.loop.connect(false) == null) {
				this.failures++;
			}
		}
	}

	@Override
	public void opened(ClientConnection connection) {
		this.opened.add(connection);
		fillPending();
	}

	@Override
	public void failed(ClientConnection connection) {
		if (connection.phase != Phase.OPEN) {
			this.failures++;
			this.loop.closeChannel(connection);
			fillPending();
		}
	}

}
