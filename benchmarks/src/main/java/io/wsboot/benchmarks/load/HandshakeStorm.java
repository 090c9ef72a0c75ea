package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.time.Duration;

/**
 * The handshake storm on the Java client: a number of sessions each connect, upgrade,
 * send a close frame as soon as the 101 is verified, wait for the server's, reset and
 * start over. A handshake's latency runs from the connect call to the verified 101.
 * {@link NativeStormClient} runs the same sessions in C.
 *
 * @author wsboot
 */
final class HandshakeStorm implements LoadPhase {

	/** Longest wait for the sessions still open when measuring ends: 30 s. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	private final ClientLoop loop;

	private final LatencyHistogram latencies = new LatencyHistogram();

	private boolean storming;

	private boolean measuring;

	private int live;

	private long handshakes;

	/**
	 * Create the storm.
	 * @param loop the loop the sessions run on
	 */
	HandshakeStorm(ClientLoop loop) {
		this.loop = loop;
	}

	/**
	 * Run the storm through a warm-up and a measured period, then wait for the sessions
	 * still open.
	 * @param concurrency sessions opening at once
	 * @param warmup time before measuring
	 * @param measure time measured
	 * @param maxHandshakes most handshakes measured
	 * @param listener told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when the selector fails
	 */
	StormResult run(int concurrency, Duration warmup, Duration measure, long maxHandshakes,
			MeasurementListener listener) throws IOException {
		this.loop.resetErrors();
		this.loop.enter(this);
		this.storming = true;
		for (int i = 0; i < concurrency; i++) {
			startSession();
		}
		long start = System.nanoTime();
		this.loop.pump(start + warmup.toNanos(), () -> false);
		this.measuring = true;
		this.handshakes = 0;
		this.latencies.reset();
		listener.started();
		long measureStart = System.nanoTime();
		this.loop.pump(measureStart + measure.toNanos(), () -> this.handshakes >= maxHandshakes);
		long measureEnd = System.nanoTime();
		listener.ended();
		this.measuring = false;
		this.storming = false;
		long measuredHandshakes = this.handshakes;
		this.loop.pump(measureEnd + CLOSE_TIMEOUT.toNanos(), () -> this.live == 0);
		double seconds = (measureEnd - measureStart) / 1e9;
		return new StormResult(measuredHandshakes, seconds, measuredHandshakes / seconds,
				micros(this.latencies.percentile(50)), micros(this.latencies.percentile(99)), this.loop.errors(),
				this.loop.firstError());
	}

	private void startSession() {
		ClientConnection connection = this.loop.connect(true);
		if (connection != null) {
			this.live++;
		}
	}

	@Override
	public void opened(ClientConnection connection) {
		if (this.measuring) {
			this.handshakes++;
			this.latencies.record(this.loop.now() - connection.startedNanos);
		}
		this.loop.sendClose(connection);
	}

	@Override
	public void closed(ClientConnection connection) {
		this.live--;
		if (this.storming) {
			startSession();
		}
	}

	private static double micros(long nanos) {
		return nanos / 1000.0;
	}

}
