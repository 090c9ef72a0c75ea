package io.wsboot.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.wsboot.benchmarks.load.ClientConnection.Phase;

/**
 * The echo scenario: every connection keeps a number of messages in flight, sending the
 * next as soon as an echo has been verified, through a warm-up and a measured period;
 * then the last echoes are awaited and the connections closed. A message's latency runs
 * from the moment it may be sent to the moment its echo is read.
 *
 * @author wsboot
 */
final class EchoLoad implements LoadPhase {

	/** Longest wait for the echoes still in flight when measuring ends: 10 s. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	private final ClientLoop loop;

	private final EchoSpec spec;

	private final int inFlight;

	private final long maxMessages;

	private final LatencyHistogram latencies = new LatencyHistogram();

	private boolean measuring;

	private boolean sending;

	private long scheduled;

	private long outstanding;

	private long measured;

	private long verified;

	/**
	 * Create the scenario.
	 * @param loop the loop the connections run on
	 * @param spec what to send
	 */
	EchoLoad(ClientLoop loop, EchoSpec spec) {
		this.loop = loop;
		this.spec = spec;
		this.inFlight = spec.inFlight();
		this.maxMessages = spec.maxMessages();
	}

	/**
	 * Open the connections, keep the messages in flight through the warm-up and the
	 * measured period, wait for the last echoes, close.
	 * @param listener told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when the selector fails
	 */
	EchoResult run(MeasurementListener listener) throws IOException {
		this.loop.resetErrors();
		this.loop.usePattern(new MessagePattern(this.spec.payloadBytes(), this.spec.text(), this.spec.payloadBytes()));
		List<ClientConnection> connections = new ConnectionOpener(this.loop).open(this.spec.connections());
		if (connections.isEmpty()) {
			return new EchoResult(0, 0, 0, 0, 0, 0, 0, 0, 0, this.loop.errors(), this.loop.firstError());
		}
		this.loop.enter(this);
		this.sending = true;
		this.measuring = this.spec.warmup().isZero();
		long measureStart = this.loop.updateNow();
		if (this.measuring) {
			listener.started();
		}
		for (ClientConnection connection : connections) {
			if (connection.phase != Phase.OPEN) {
				continue;
			}
			connection.sendNanos = new long[this.inFlight];
			for (int i = 0; i < this.inFlight && this.scheduled < this.maxMessages; i++) {
				schedule(connection);
			}
			this.loop.writeFrames(connection);
		}
		if (!this.measuring) {
			this.loop.pump(measureStart + this.spec.warmup().toNanos(), this::allSentAndEchoed);
			this.measuring = true;
			this.latencies.reset();
			this.measured = 0;
			listener.started();
			measureStart = System.nanoTime();
		}
		this.loop.pump(measureStart + this.spec.measure().toNanos(), this::allSentAndEchoed);
		long measureEnd = System.nanoTime();
		this.measuring = false;
		this.sending = false;
		listener.ended();
		this.loop.pump(measureEnd + DRAIN_TIMEOUT.toNanos(), () -> this.outstanding == 0);
		if (this.outstanding > 0) {
			this.loop.error(this.outstanding + " messages were not echoed within " + DRAIN_TIMEOUT.toSeconds() + " s");
		}
		new ConnectionCloser(this.loop).closeAll(connections);
		return result(measureEnd - measureStart);
	}

	private EchoResult result(long measuredNanos) {
		double seconds = measuredNanos / 1e9;
		return new EchoResult(this.measured, seconds, this.measured / seconds,
				this.measured * (double) this.spec.payloadBytes() / seconds / 1e6,
				micros(this.latencies.percentile(50)), micros(this.latencies.percentile(99)),
				micros(this.latencies.percentile(99.9)), micros(this.latencies.max()), this.verified,
				this.loop.errors(), this.loop.firstError());
	}

	private boolean allSentAndEchoed() {
		return this.scheduled >= this.maxMessages && this.outstanding == 0;
	}

	private void schedule(ClientConnection connection) {
		connection.sendNanos[(int) (connection.targetFrames % this.inFlight)] = this.loop.now();
		connection.targetFrames++;
		this.scheduled++;
		this.outstanding++;
	}

	@Override
	public void messageReceived(ClientConnection connection) {
		long sentNanos = connection.sendNanos[(int) (connection.received % this.inFlight)];
		connection.received++;
		this.outstanding--;
		this.verified++;
		if (this.measuring) {
			this.measured++;
			this.latencies.record(this.loop.now() - sentNanos);
		}
		if (this.sending && this.scheduled < this.maxMessages) {
			schedule(connection);
		}
	}

	@Override
	public void readDone(ClientConnection connection) throws IOException {
		if (connection.phase == Phase.OPEN) {
			this.loop.writeFrames(connection);
		}
	}

	@Override
	public void failed(ClientConnection connection) {
		this.outstanding -= connection.targetFrames - connection.received;
	}

	private static double micros(long nanos) {
		return nanos / 1000.0;
	}

}
