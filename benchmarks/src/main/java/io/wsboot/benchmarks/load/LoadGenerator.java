package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket load generator on one thread and one selector, written to cost the server
 * under test as little CPU as possible: frames are masked once ahead of time
 * ({@link MessagePattern}), writes and reads are batched per connection, and every echoed
 * payload is verified byte for byte against what was sent, in order. It talks to one
 * server on the loopback interface and bounds every phase in time.
 *
 * <p>
 * The scenarios are {@link EchoLoad}, {@link HandshakeStorm} and idle connections held
 * here; they run on a {@link ClientLoop}, which opens connections with a
 * {@link ConnectionOpener} and closes them with a {@link ConnectionCloser}.
 *
 * <p>
 * Not thread-safe: one scenario at a time, on the calling thread.
 *
 * @author wsboot
 */
public final class LoadGenerator implements AutoCloseable {

	private final ClientLoop loop;

	private final List<ClientConnection> held = new ArrayList<>();

	/**
	 * Create a generator for one server.
	 * @param server the server's loopback address
	 * @param path the path of its echo endpoint
	 * @throws IOException when no selector can be opened
	 */
	public LoadGenerator(InetSocketAddress server, String path) throws IOException {
		this.loop = new ClientLoop(server, path);
	}

	/**
	 * Run an echo scenario: open the connections, keep the messages in flight through the
	 * warm-up and the measured period, wait for the last echoes, close.
	 * @param spec the scenario
	 * @param listener told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when the selector fails
	 */
	public EchoResult echo(EchoSpec spec, MeasurementListener listener) throws IOException {
		return new EchoLoad(this.loop, spec).run(listener);
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
		return new HandshakeStorm(this.loop).run(concurrency, warmup, measure, maxHandshakes, listener);
	}

	/**
	 * Open connections and hold them, idle, until {@link #closeIdle()}.
	 * @param connections how many
	 * @return how many were opened
	 * @throws IOException when the selector fails
	 */
	public IdleResult openIdle(int connections) throws IOException {
		this.loop.resetErrors();
		long start = System.nanoTime();
		List<ClientConnection> opened = new ConnectionOpener(this.loop).open(connections);
		this.held.addAll(opened);
		return new IdleResult(opened.size(), (System.nanoTime() - start) / 1e9, this.loop.errors(),
				this.loop.firstError());
	}

	/**
	 * Close the connections held by {@link #openIdle(int)} with close handshakes.
	 * @return how many were still open and answered the close handshake
	 * @throws IOException when the selector fails
	 */
	public int closeIdle() throws IOException {
		List<ClientConnection> connections = new ArrayList<>(this.held);
		this.held.clear();
		return new ConnectionCloser(this.loop).closeAll(connections);
	}

	@Override
	public void close() throws IOException {
		closeIdle();
		this.loop.close();
	}

}
