package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

import io.wsboot.benchmarks.load.ClientConnection.Phase;
import org.jspecify.annotations.Nullable;

/**
 * The one thread and one selector the {@link LoadGenerator}'s connections run on: it
 * connects, writes the upgrade request (RFC 6455 §4.1), reads into one shared buffer,
 * writes the masked frames of the current {@link MessagePattern} in batches, sends close
 * frames and resets connections, and counts the errors of a scenario. What the events of
 * the connections mean is up to the current {@link LoadPhase}.
 *
 * @author wsboot
 */
final class ClientLoop implements ClientConnection.Listener {

	/** Size of the shared read and write buffers: 256 KiB. */
	private static final int IO_BUFFER_BYTES = 256 * 1024;

	/** Reads per readiness event before other connections get a turn. */
	private static final int MAX_READS_PER_EVENT = 4;

	private static final long SELECT_TIMEOUT_MILLIS = 10;

	/** A masked close frame with status 1000, masking key 01 02 03 04. */
	private static final byte[] CLOSE_FRAME = { (byte) 0x88, (byte) 0x82, 1, 2, 3, 4, 0x03 ^ 1, (byte) (0xE8 ^ 2) };

	private final InetSocketAddress server;

	/** The request bytes every connection writes, built once. */
	private final byte[] request;

	/** The {@code Sec-WebSocket-Accept} every response must carry, computed once. */
	private final byte[] expectedAccept;

	private final Selector selector;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(IO_BUFFER_BYTES);

	private final ByteBuffer writeBuffer = ByteBuffer.allocate(IO_BUFFER_BYTES);

	private LoadPhase phase = LoadPhase.NONE;

	private MessagePattern pattern = new MessagePattern(MessagePattern.MAX_SEQUENCE_DIGITS, true, 1);

	private long now;

	/** Connects and handshakes in progress. */
	private int pending;

	private long errors;

	private @Nullable String firstError;

	/**
	 * Create the loop for one server.
	 * @param server the server's loopback address
	 * @param path the path of its echo endpoint
	 * @throws IOException when no selector can be opened
	 */
	ClientLoop(InetSocketAddress server, String path) throws IOException {
		this.server = server;
		UpgradeRequest upgrade = new UpgradeRequest(server, path);
		this.request = upgrade.bytes();
		this.expectedAccept = upgrade.expectedAccept();
		this.selector = Selector.open();
	}

	/**
	 * Hand the connections' events to a phase from now on.
	 * @param phase the phase
	 */
	void enter(LoadPhase phase) {
		this.phase = phase;
	}

	/**
	 * Set the messages that new connections send and verify.
	 * @param pattern the messages
	 */
	void usePattern(MessagePattern pattern) {
		this.pattern = pattern;
	}

	/**
	 * Return the time of the latest readiness event or read.
	 * @return {@link System#nanoTime()} then
	 */
	long now() {
		return this.now;
	}

	/**
	 * Take the time afresh.
	 * @return {@link System#nanoTime()} now
	 */
	long updateNow() {
		this.now = System.nanoTime();
		return this.now;
	}

	/**
	 * Return how many connects and handshakes are in progress.
	 * @return the count
	 */
	int pending() {
		return this.pending;
	}

	/**
	 * Forget connects and handshakes that never finished.
	 */
	void resetPending() {
		this.pending = 0;
	}

	/**
	 * Count an error; the first one's reason is kept.
	 * @param reason what went wrong
	 */
	void error(String reason) {
		this.errors++;
		if (this.firstError == null) {
			this.firstError = reason;
		}
	}

	/**
	 * Forget the errors of an earlier scenario.
	 */
	void resetErrors() {
		this.errors = 0;
		this.firstError = null;
	}

	/**
	 * Return the errors counted since {@link #resetErrors()}.
	 * @return the count
	 */
	long errors() {
		return this.errors;
	}

	/**
	 * Return the reason of the first error since {@link #resetErrors()}.
	 * @return the reason, or {@code null} when there was none
	 */
	@Nullable String firstError() {
		return this.firstError;
	}

	/**
	 * Run the selector until a condition holds or a deadline passes.
	 * @param deadlineNanos the deadline, by {@link System#nanoTime()}
	 * @param done the condition
	 * @return whether the condition holds
	 * @throws IOException when the selector fails
	 */
	boolean pump(long deadlineNanos, BooleanSupplier done) throws IOException {
		while (!done.getAsBoolean()) {
			long remainingNanos = deadlineNanos - System.nanoTime();
			if (remainingNanos <= 0) {
				return false;
			}
			this.selector.select(Math.max(1, Math.min(SELECT_TIMEOUT_MILLIS, remainingNanos / 1_000_000)));
			this.now = System.nanoTime();
			for (SelectionKey key : this.selector.selectedKeys()) {
				handle(key);
			}
			this.selector.selectedKeys().clear();
		}
		return true;
	}

	/**
	 * Close the selector.
	 * @throws IOException when it cannot be closed
	 */
	void close() throws IOException {
		this.selector.close();
	}

	/**
	 * Open a connection and send the upgrade request once it is connected.
	 * @param handshakeOnly whether the connection only handshakes and closes, as in the
	 * storm: it connects blocking and keeps Nagle's algorithm
	 * @return the connection, or {@code null} when the connect failed (an error counted)
	 */
	@Nullable ClientConnection connect(boolean handshakeOnly) {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open();
			if (!handshakeOnly) {
				channel.configureBlocking(false);
				// a handshake-only session writes its request and, once the 101 has
				// acknowledged it, its close frame: Nagle never holds either back, so the
				// system call is saved there
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			ClientConnection connection = new ClientConnection(channel, this, this.pattern, this.expectedAccept,
					System.nanoTime());
			this.pending++;
			if (handshakeOnly) {
				// on loopback the kernel completes the TCP handshake within connect(),
				// without the server process (which then accepts from its queue): a
				// blocking connect saves the OP_CONNECT round, finishConnect and the
				// change of interest, three system calls of the client's dozen
				channel.connect(this.server);
				channel.configureBlocking(false);
				connected(connection);
			}
			else if (channel.connect(this.server)) {
				connected(connection);
			}
			else {
				connection.key = channel.register(this.selector, SelectionKey.OP_CONNECT, connection);
			}
			return connection;
		}
		catch (IOException ex) {
			error("connect failed: " + ex.getMessage());
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException closeFailure) {
					ex.addSuppressed(closeFailure);
				}
			}
			return null;
		}
	}

	private void connected(ClientConnection connection) throws IOException {
		int written = connection.channel.write(ByteBuffer.wrap(this.request));
		if (written != this.request.length) {
			failed(connection, "the upgrade request did not fit the socket buffer");
			return;
		}
		connection.phase = Phase.HANDSHAKE;
		if (connection.key == null) {
			connection.key = connection.channel.register(this.selector, SelectionKey.OP_READ, connection);
		}
		else {
			connection.key.interestOps(SelectionKey.OP_READ);
		}
	}

	private void handle(SelectionKey key) {
		ClientConnection connection = (ClientConnection) key.attachment();
		if (!key.isValid()) {
			return;
		}
		try {
			if (connection.phase == Phase.CONNECTING) {
				if (key.isConnectable() && connection.channel.finishConnect()) {
					connected(connection);
				}
				return;
			}
			if (key.isValid() && key.isWritable()) {
				writeFrames(connection);
			}
			if (key.isValid() && key.isReadable()) {
				read(connection);
			}
		}
		catch (IOException ex) {
			endOfStream(connection, "I/O error: " + ex.getMessage());
		}
	}

	private void read(ClientConnection connection) throws IOException {
		for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
			this.readBuffer.clear();
			int count = connection.channel.read(this.readBuffer);
			if (count < 0) {
				endOfStream(connection, "the server closed the connection");
				return;
			}
			if (count == 0) {
				break;
			}
			this.now = System.nanoTime();
			connection.received(this.readBuffer.array(), 0, count);
			if (connection.phase == Phase.CLOSED || count < IO_BUFFER_BYTES) {
				break;
			}
		}
		this.phase.readDone(connection);
	}

	private void endOfStream(ClientConnection connection, String reason) {
		if (connection.phase == Phase.CLOSING || connection.phase == Phase.CLOSED) {
			closeChannel(connection);
			return;
		}
		failed(connection, reason);
	}

	/**
	 * Write the frames a connection may send, in batches of the shared buffer; what the
	 * socket does not take is written on {@code OP_WRITE}.
	 * @param connection the connection
	 * @throws IOException when the write fails
	 */
	void writeFrames(ClientConnection connection) throws IOException {
		int frameBytes = this.pattern.frameBytes();
		long limit = connection.targetFrames * frameBytes;
		while (connection.writtenBytes < limit) {
			ByteBuffer buffer = this.writeBuffer.clear();
			long position = connection.writtenBytes;
			while (position < limit && buffer.hasRemaining()) {
				long frame = position / frameBytes;
				int offset = (int) (position - frame * frameBytes);
				int length = (int) Math.min(Math.min(frameBytes - offset, buffer.remaining()), limit - position);
				this.pattern.copyFrame(frame, offset, length, buffer);
				position += length;
			}
			buffer.flip();
			int generated = buffer.remaining();
			int written = connection.channel.write(buffer);
			connection.writtenBytes += written;
			if (written < generated) {
				// the socket's send buffer is full: continue on OP_WRITE
				connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
				return;
			}
		}
		if ((connection.key.interestOps() & SelectionKey.OP_WRITE) != 0) {
			connection.key.interestOps(SelectionKey.OP_READ);
		}
	}

	/**
	 * Send a close frame; reset the connection when it cannot be written whole.
	 * @param connection an open connection
	 * @return whether the close frame was sent
	 */
	boolean sendClose(ClientConnection connection) {
		try {
			if (connection.channel.write(ByteBuffer.wrap(CLOSE_FRAME)) == CLOSE_FRAME.length) {
				connection.phase = Phase.CLOSING;
				return true;
			}
		}
		catch (IOException ex) {
			// the server is gone: nothing to close gracefully
		}
		closeChannel(connection);
		return false;
	}

	/**
	 * Close a connection's channel with a reset, once.
	 * @param connection the connection
	 */
	void closeChannel(ClientConnection connection) {
		if (connection.phase == Phase.CLOSED) {
			return;
		}
		if (connection.phase == Phase.CONNECTING || connection.phase == Phase.HANDSHAKE) {
			this.pending--;
		}
		connection.phase = Phase.CLOSED;
		SelectionKey key = connection.key;
		if (key != null) {
			key.cancel();
		}
		try {
			// a reset leaves no TIME_WAIT behind, so runs never run out of
			// ephemeral ports
			connection.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			connection.channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.phase.closed(connection);
	}

	@Override
	public void opened(ClientConnection connection) {
		this.pending--;
		this.phase.opened(connection);
	}

	@Override
	public void messageReceived(ClientConnection connection) {
		this.phase.messageReceived(connection);
	}

	@Override
	public void closeReceived(ClientConnection connection) {
		if (connection.phase == Phase.OPEN && !this.phase.expectsClose()) {
			failed(connection, "the server sent a close frame");
			return;
		}
		closeChannel(connection);
	}

	@Override
	public void failed(ClientConnection connection, String reason) {
		if (connection.phase == Phase.CLOSED) {
			return;
		}
		error(reason);
		this.phase.failed(connection);
		closeChannel(connection);
	}

}
