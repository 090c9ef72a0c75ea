package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.wsboot.benchmarks.load.ClientConnection.Phase;

/**
 * Ends the connections of a scenario with close handshakes (RFC 6455 §7.1.2): sends each
 * open connection a close frame, waits for the server's, and resets those that did not
 * answer in time.
 *
 * @author wsboot
 */
final class ConnectionCloser implements LoadPhase {

	/** Longest wait for the close handshakes at the end of a scenario: 30 s. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	private final ClientLoop loop;

	/**
	 * Create a closer.
	 * @param loop the loop the connections run on
	 */
	ConnectionCloser(ClientLoop loop) {
		this.loop = loop;
	}

	/**
	 * Send close frames and wait for the answers; close the rest with a reset.
	 * @param connections the connections
	 * @return how many answered
	 * @throws IOException when the selector fails
	 */
	int closeAll(List<ClientConnection> connections) throws IOException {
		this.loop.enter(this);
		int expected = 0;
		for (ClientConnection connection : connections) {
			if (connection.phase == Phase.OPEN && this.loop.sendClose(connection)) {
				expected++;
			}
		}
		this.loop.pump(System.nanoTime() + CLOSE_TIMEOUT.toNanos(), () -> countClosing(connections) == 0);
		int unanswered = 0;
		for (ClientConnection connection : connections) {
			if (connection.phase != Phase.CLOSED) {
				unanswered++;
				this.loop.closeChannel(connection);
			}
		}
		return expected - unanswered;
	}

	private static int countClosing(List<ClientConnection> connections) {
		int count = 0;
		for (ClientConnection connection : connections) {
			if (connection.phase == Phase.CLOSING) {
				count++;
			}
		}
		return count;
	}

	@Override
	public boolean expectsClose() {
		return true;
	}

}
