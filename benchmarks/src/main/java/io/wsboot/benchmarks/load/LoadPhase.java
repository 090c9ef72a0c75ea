package io.wsboot.benchmarks.load;

import java.io.IOException;

/**
 * What a phase of a scenario (opening connections, the echo load, the handshake storm,
 * closing) makes of the events of the {@link ClientLoop}'s connections; the loop has done
 * its own bookkeeping first. Every method does nothing unless a phase says otherwise.
 *
 * @author wsboot
 */
interface LoadPhase {

	/** No phase yet: every event is left to the loop. */
	LoadPhase NONE = new LoadPhase() {
	};

	/**
	 * A connection's opening handshake was verified.
	 * @param connection the connection, now open
	 */
	default void opened(ClientConnection connection) {
	}

	/**
	 * A connection received a whole, verified echo.
	 * @param connection the connection
	 */
	default void messageReceived(ClientConnection connection) {
	}

	/**
	 * A connection's bytes have been read and parsed, for now.
	 * @param connection the connection
	 * @throws IOException when writing to the connection fails
	 */
	default void readDone(ClientConnection connection) throws IOException {
	}

	/**
	 * Whether a close frame from the server on an open connection is expected, rather
	 * than an error.
	 * @return {@code true} when the phase closes connections
	 */
	default boolean expectsClose() {
		return false;
	}

	/**
	 * A connection failed; the error is counted already, and the loop closes the channel
	 * after this method unless it was closed here.
	 * @param connection the connection, not yet closed
	 */
	default void failed(ClientConnection connection) {
	}

	/**
	 * A connection's channel was closed (by a reset).
	 * @param connection the connection, now closed
	 */
	default void closed(ClientConnection connection) {
	}

}
