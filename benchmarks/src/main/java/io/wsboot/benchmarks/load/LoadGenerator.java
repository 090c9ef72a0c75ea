package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.wsboot.benchmarks.load.ClientConnection.Phase;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket load generator on one thread and one selector, written to cost the server
 * under test as little CPU as possible: frames are masked once ahead of time
 * ({@link MessagePattern}), writes and reads are batched per connection, and every echoed
 * payload is verified byte for byte against what was sent, in order. It talks to one
 * server on the loopback interface and bounds every phase in time.
 *
 * <p>
 * Not thread-safe: one scenario at a time, on the calling thread.
 *
 * @author wsboot
 */
public final class LoadGenerator implements AutoCloseable, ClientConnection.Listener {

	/** Connects and handshakes in progress at once, below every peer's accept backlog. */
	private static final int MAX_PENDING_CONNECTS = 64;

	/** Size of the shared read and write buffers: 256 KiB. */
	private static final int IO_BUFFER_BYTES = 256 * 1024;

	/** Reads per readiness event before other connections get a turn. */
	private static final int MAX_READS_PER_EVENT = 4;

	/** Longest wait for the echoes still in flight when measuring ends: 10 s. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	/** Longest wait for the close handshakes at the end of a scenario: 30 s. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	/** Longest wait for the connections of a scenario to open: 120 s. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

	private static final long SELECT_TIMEOUT_MILLIS = 10;

	private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	/** A masked close frame with status 1000, masking key 01 02 03 04. */
	private static final byte[] CLOSE_FRAME = { (byte) 0x88, (byte) 0x82, 1, 2, 3, 4, 0x03 ^ 1, (byte) (0xE8 ^ 2) };

	private enum Mode {

		ESTABLISH, ECHO, STORM, CLOSE

	}

	private final InetSocketAddress server;

	private final byte[] request;

	/** The {@code Sec-WebSocket-Accept} every response must carry, computed once. */
	private final byte[] expectedAccept;

	private final Selector selector;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(IO_BUFFER_BYTES);

	private final ByteBuffer writeBuffer = ByteBuffer.allocate(IO_BUFFER_BYTES);

	private final LatencyHistogram latencies = new LatencyHistogram();

	private final List<ClientConnection> held = new ArrayList<>();

	private Mode mode = Mode.ESTABLISH;

	private MessagePattern pattern = new MessagePattern(MessagePattern.MAX_SEQUENCE_DIGITS, true, 1);

	private long now;

	private long errors;

	private @Nullable String firstError;

	// establishing

	private final List<ClientConnection> established = new ArrayList<>();

	private int toConnect;

	private int pending;

	private int establishFailures;

	// echo

	private int inFlight;

	private boolean measuring;

	private boolean sending;

	private long maxMessages;

	private long scheduled;

	private long outstanding;

	private long measured;

	private long verified;

	// storm

	private boolean storming;

	private int stormLive;

	private long handshakes;

	/**
	 * Create a generator for one server.
	 * @param server the server's loopback address
	 * @param path the path of its echo endpoint
	 * @throws IOException when no selector can be opened
	 */
	public LoadGenerator(InetSocketAddress server, String path) throws IOException {
		this.server = server;
		String key = Base64.getEncoder().encodeToString("wsboot-benchmark".getBytes(StandardCharsets.US_ASCII));
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
				+ "\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		this.expectedAccept = acceptKey(key).getBytes(StandardCharsets.US_ASCII);
		this.selector = Selector.open();
	}

	private static String acceptKey(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] digest = sha1.digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by every JDK", ex);
		}
	}

	// ---- scenarios -------------------------------------------------------------------

	/**
	 * Run an echo scenario: open the connections, keep the messages in flight through the
	 * warm-up and the measured period, wait for the last echoes, close.
	 * @param spec the scenario
	 * @param listener told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when the selector fails
	 */
	public EchoResult echo(EchoSpec spec, MeasurementListener listener) throws IOException {
		resetErrors();
		this.pattern = new MessagePattern(spec.payloadBytes(), spec.text(), spec.payloadBytes());
		List<ClientConnection> connections = establish(spec.connections());
		if (connections.isEmpty()) {
			return new EchoResult(0, 0, 0, 0, 0, 0, 0, 0, 0, this.errors, this.firstError);
		}
		this.mode = Mode.ECHO;
		this.inFlight = spec.inFlight();
		this.maxMessages = spec.maxMessages();
		this.scheduled = 0;
		this.outstanding = 0;
		this.measured = 0;
		this.verified = 0;
		this.sending = true;
		this.measuring = spec.warmup().isZero();
		this.latencies.reset();
		this.now = System.nanoTime();
		if (this.measuring) {
			listener.started();
		}
		long measureStart = this.now;
		for (ClientConnection connection : connections) {
			if (connection.phase != Phase.OPEN) {
				continue;
			}
			connection.sendNanos = new long[this.inFlight];
			for (int i = 0; i < this.inFlight && this.scheduled < this.maxMessages; i++) {
				schedule(connection);
			}
			writeFrames(connection);
		}
		if (!this.measuring) {
			pump(this.now + spec.warmup().toNanos(), this::allSentAndEchoed);
			this.measuring = true;
			this.latencies.reset();
			this.measured = 0;
			listener.started();
			measureStart = System.nanoTime();
		}
		pump(measureStart + spec.measure().toNanos(), this::allSentAndEchoed);
		long measureEnd = System.nanoTime();
		this.measuring = false;
		this.sending = false;
		listener.ended();
		pump(measureEnd + DRAIN_TIMEOUT.toNanos(), () -> this.outstanding == 0);
		if (this.outstanding > 0) {
			error(this.outstanding + " messages were not echoed within " + DRAIN_TIMEOUT.toSeconds() + " s");
		}
		closeAll(connections);
		double seconds = (measureEnd - measureStart) / 1e9;
		return new EchoResult(this.measured, seconds, this.measured / seconds,
				this.measured * (double) spec.payloadBytes() / seconds / 1e6, micros(this.latencies.percentile(50)),
				micros(this.latencies.percentile(99)), micros(this.latencies.percentile(99.9)),
				micros(this.latencies.max()), this.verified, this.errors, this.firstError);
	}

	/**
	 * Run a handshake storm: {@code concurrency} clients each connect, upgrade, send a
	 * close frame, wait for the server's and start over.
	 * @param concurrency sessions opening at once
	 * @param warmup time before measuring
	 * @param measure time measured
	 * @param maxHandshakes most handshakes measured
	 * @param listener told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when the selector fails
	 */
	public StormResult storm(int concurrency, Duration warmup, Duration measure, long maxHandshakes,
			MeasurementListener listener) throws IOException {
		resetErrors();
		this.mode = Mode.STORM;
		this.storming = true;
		this.handshakes = 0;
		this.measuring = false;
		this.latencies.reset();
		for (int i = 0; i < concurrency; i++) {
			startStormSession();
		}
		long start = System.nanoTime();
		pump(start + warmup.toNanos(), () -> false);
		this.measuring = true;
		this.handshakes = 0;
		this.latencies.reset();
		listener.started();
		long measureStart = System.nanoTime();
		pump(measureStart + measure.toNanos(), () -> this.handshakes >= maxHandshakes);
		long measureEnd = System.nanoTime();
		listener.ended();
		this.measuring = false;
		this.storming = false;
		long measuredHandshakes = this.handshakes;
		pump(measureEnd + CLOSE_TIMEOUT.toNanos(), () -> this.stormLive == 0);
		double seconds = (measureEnd - measureStart) / 1e9;
		return new StormResult(measuredHandshakes, seconds, measuredHandshakes / seconds,
				micros(this.latencies.percentile(50)), micros(this.latencies.percentile(99)), this.errors,
				this.firstError);
	}

	/**
	 * Open connections and hold them, idle, until {@link #closeIdle()}.
	 * @param connections how many
	 * @return how many were opened
	 * @throws IOException when the selector fails
	 */
	public IdleResult openIdle(int connections) throws IOException {
		resetErrors();
		long start = System.nanoTime();
		List<ClientConnection> opened = establish(connections);
		this.held.addAll(opened);
		return new IdleResult(opened.size(), (System.nanoTime() - start) / 1e9, this.errors, this.firstError);
	}

	/**
	 * Close the connections held by {@link #openIdle(int)} with close handshakes.
	 * @return how many were still open and answered the close handshake
	 * @throws IOException when the selector fails
	 */
	public int closeIdle() throws IOException {
		List<ClientConnection> connections = new ArrayList<>(this.held);
		this.held.clear();
		return closeAll(connections);
	}

	@Override
	public void close() throws IOException {
		closeIdle();
		this.selector.close();
	}

	// ---- phases ----------------------------------------------------------------------

	private List<ClientConnection> establish(int count) throws IOException {
		this.mode = Mode.ESTABLISH;
		this.established.clear();
		this.toConnect = count;
		this.pending = 0;
		this.establishFailures = 0;
		fillPending();
		long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
		if (!pump(deadline, () -> this.established.size() + this.establishFailures == count)) {
			error((count - this.established.size() - this.establishFailures) + " connections did not open within "
					+ CONNECT_TIMEOUT.toSeconds() + " s");
		}
		List<ClientConnection> opened = new ArrayList<>(this.established);
		this.established.clear();
		return opened;
	}

	private void fillPending() {
		while (this.toConnect > 0 && this.pending < MAX_PENDING_CONNECTS) {
			this.toConnect--;
			if (connect() == null) {
				this.establishFailures++;
			}
		}
	}

	/**
	 * Send close frames and wait for the answers; close the rest with a reset.
	 * @return how many answered
	 */
	private int closeAll(List<ClientConnection> connections) throws IOException {
		this.mode = Mode.CLOSE;
		int expected = 0;
		for (ClientConnection connection : connections) {
			if (connection.phase == Phase.OPEN && sendClose(connection)) {
				expected++;
			}
		}
		pump(System.nanoTime() + CLOSE_TIMEOUT.toNanos(), () -> countClosing(connections) == 0);
		int unanswered = 0;
		for (ClientConnection connection : connections) {
			if (connection.phase != Phase.CLOSED) {
				unanswered++;
				closeChannel(connection);
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

	private boolean allSentAndEchoed() {
		return this.scheduled >= this.maxMessages && this.outstanding == 0;
	}

	/**
	 * Run the selector until a condition holds or a deadline passes.
	 * @return whether the condition holds
	 */
	private boolean pump(long deadlineNanos, BooleanSupplier done) throws IOException {
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

	// ---- I/O -------------------------------------------------------------------------

	private @Nullable ClientConnection connect() {
		SocketChannel channel = null;
		try {
			channel = SocketChannel.open();
			boolean storm = this.mode == Mode.STORM;
			if (!storm) {
				channel.configureBlocking(false);
				// a storm session writes its request and, once the 101 has acknowledged
				// it, its close frame: Nagle never holds either back, so the system call
				// is saved there
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			ClientConnection connection = new ClientConnection(channel, this, this.pattern, this.expectedAccept,
					System.nanoTime());
			this.pending++;
			if (storm) {
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
		if (this.mode == Mode.ECHO && connection.phase == Phase.OPEN) {
			writeFrames(connection);
		}
	}

	private void endOfStream(ClientConnection connection, String reason) {
		if (connection.phase == Phase.CLOSING || connection.phase == Phase.CLOSED) {
			closeChannel(connection);
			return;
		}
		failed(connection, reason);
	}

	private void writeFrames(ClientConnection connection) throws IOException {
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

	private boolean sendClose(ClientConnection connection) {
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

	private void closeChannel(ClientConnection connection) {
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
			// a reset leaves no TIME_WAIT behind, so runs never run out of ephemeral
			// ports
			connection.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			connection.channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		if (this.mode == Mode.STORM) {
			this.stormLive--;
			if (this.storming) {
				startStormSession();
			}
		}
	}

	private void startStormSession() {
		ClientConnection connection = connect();
		if (connection != null) {
			this.stormLive++;
		}
	}

	private void schedule(ClientConnection connection) {
		connection.sendNanos[(int) (connection.targetFrames % this.inFlight)] = this.now;
		connection.targetFrames++;
		this.scheduled++;
		this.outstanding++;
	}

	// ---- ClientConnection.Listener ---------------------------------------------------

	@Override
	public void opened(ClientConnection connection) {
		this.pending--;
		if (this.mode == Mode.STORM) {
			if (this.measuring) {
				this.handshakes++;
				this.latencies.record(this.now - connection.startedNanos);
			}
			sendClose(connection);
			return;
		}
		this.established.add(connection);
		fillPending();
	}

	@Override
	public void messageReceived(ClientConnection connection) {
		if (this.mode != Mode.ECHO) {
			return;
		}
		long sentNanos = connection.sendNanos[(int) (connection.received % this.inFlight)];
		connection.received++;
		this.outstanding--;
		this.verified++;
		if (this.measuring) {
			this.measured++;
			this.latencies.record(this.now - sentNanos);
		}
		if (this.sending && this.scheduled < this.maxMessages) {
			schedule(connection);
		}
	}

	@Override
	public void closeReceived(ClientConnection connection) {
		if (connection.phase == Phase.OPEN && this.mode != Mode.CLOSE) {
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
		if (this.mode == Mode.ECHO) {
			this.outstanding -= connection.targetFrames - connection.received;
		}
		if (this.mode == Mode.ESTABLISH && connection.phase != Phase.OPEN) {
			this.establishFailures++;
		}
		boolean refill = this.mode == Mode.ESTABLISH && connection.phase != Phase.OPEN;
		closeChannel(connection);
		if (refill) {
			fillPending();
		}
	}

	private void error(String reason) {
		this.errors++;
		if (this.firstError == null) {
			this.firstError = reason;
		}
	}

	private void resetErrors() {
		this.errors = 0;
		this.firstError = null;
	}

	private static double micros(long nanos) {
		return nanos / 1000.0;
	}

}
