package io.wsboot.benchmarks.harness;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.MessageRatePolicy;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;

/**
 * What a flooding client costs a well-behaved one on the same event loop, with the
 * per-session message rate limit on (issue 18): one engine server with a single event
 * loop and a limit of 100 messages a second (burst 200) under the {@code drop} policy, so
 * the flood keeps arriving and being dropped rather than being closed after 40 ms. A
 * well-behaved client measures its echo round trip, 50 messages a second (half its
 * limit), first alone, then while a second client floods at a given rate. Prints both
 * p50/p99/max and the p99 ratio.
 *
 * <pre>
 * java -cp ... io.wsboot.benchmarks.harness.FloodImpact [floodPerSecond] [samples]
 * </pre>
 *
 * @author wsboot
 */
public final class FloodImpact {

	private static final String PATH = "/echo";

	private FloodImpact() {
	}

	/**
	 * Run the comparison.
	 * @param args the flood's messages per second (5,000) and the samples per phase
	 * (1,000, 20 s each)
	 * @throws Exception when the server or a client fails
	 */
	public static void main(String[] args) throws Exception {
		int floodPerSecond = (args.length > 0) ? Integer.parseInt(args[0]) : 5_000;
		int samples = (args.length > 1) ? Integer.parseInt(args[1]) : 1_000;
		AtomicLong dropped = new AtomicLong();
		WsLimits limits = WsLimits.DEFAULTS.withMessageRate(100, 200, MessageRatePolicy.DROP);
		WsServerListener listener = new WsServerListener() {

			@Override
			public void messageRateExceeded(WsSession session, MessageRatePolicy policy) {
				dropped.incrementAndGet();
			}

		};
		ServerConfig config = ServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.listener(listener)
			.build();
		WsServer server = new WsServer(config, List.of(Endpoint.of(PATH, new Echo()).withLimits(limits)));
		server.start();
		try {
			// warm-up, so that neither phase pays for the JIT
			probe(server.port(), Math.max(200, samples / 5));
			long[] alone = probe(server.port(), samples);
			long[] flooded;
			try (Flooder flooder = new Flooder(server.port(), floodPerSecond)) {
				flooded = probe(server.port(), samples);
				System.out.printf("flood: %,d messages sent, %,d dropped by the rate limit%n", flooder.sent.get(),
						dropped.get());
			}
			// alone again, to see how much the machine itself varies
			long[] aloneAgain = probe(server.port(), samples);
			print("alone", alone);
			print("with flood at " + floodPerSecond + "/s", flooded);
			print("alone again", aloneAgain);
			System.out.printf("p99 ratio (flooded / alone, both alone runs): %.2f, %.2f%n",
					(double) percentile(flooded, 0.99) / percentile(alone, 0.99),
					(double) percentile(flooded, 0.99) / percentile(aloneAgain, 0.99));
		}
		finally {
			server.stop();
		}
	}

	/**
	 * Measure echo round trips, one at a time, paced below the session's limit.
	 */
	private static long[] probe(int port, int samples) throws IOException {
		try (Socket socket = upgrade(port)) {
			OutputStream out = socket.getOutputStream();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			byte[] frame = maskedText("probe-0123456789");
			long[] rtts = new long[samples];
			// 50 messages a second: half the limit, so the prober is never limited
			long intervalNanos = 20_000_000L;
			long next = System.nanoTime();
			for (int i = 0; i < samples; i++) {
				LockSupport.parkNanos(next - System.nanoTime());
				next += intervalNanos;
				long start = System.nanoTime();
				out.write(frame);
				out.flush();
				readFrame(in);
				rtts[i] = System.nanoTime() - start;
			}
			return rtts;
		}
	}

	static Socket upgrade(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setTcpNoDelay(true);
		String request = "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		InputStream in = socket.getInputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("closed during the handshake");
			}
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return socket;
	}

	static byte[] maskedText(String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		return frame;
	}

	static void readFrame(DataInputStream in) throws IOException {
		in.readUnsignedByte();
		int length = in.readUnsignedByte() & 0x7F;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		in.skipNBytes(length);
	}

	private static long percentile(long[] values, double p) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	private static void print(String label, long[] rtts) {
		System.out.printf("%-28s p50 %7.1f us  p99 %7.1f us  max %8.1f us  (%d samples)%n", label,
				percentile(rtts, 0.5) / 1000.0, percentile(rtts, 0.99) / 1000.0, percentile(rtts, 1.0) / 1000.0,
				rtts.length);
	}

	/**
	 * Echoes text messages.
	 */
	private static final class Echo implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
		}

	}

	/**
	 * Sends text messages at a fixed rate on its own connection and discards what comes
	 * back.
	 */
	private static final class Flooder implements AutoCloseable {

		final AtomicLong sent = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Socket socket;

		private final Thread writer;

		private final Thread reader;

		Flooder(int port, int perSecond) throws IOException {
			this.socket = upgrade(port);
			byte[] frame = maskedText("flood-0123456789");
			long intervalNanos = 1_000_000_000L / perSecond;
			this.writer = new Thread(() -> {
				try {
					OutputStream out = this.socket.getOutputStream();
					long next = System.nanoTime();
					while (this.running.get()) {
						// in batches of 1 ms, so that high rates are reachable
						long now = System.nanoTime();
						while (next <= now) {
							out.write(frame);
							this.sent.incrementAndGet();
							next += intervalNanos;
						}
						out.flush();
						LockSupport.parkNanos(Math.min(1_000_000L, next - now));
					}
				}
				catch (IOException ex) {
					// closed
				}
			}, "flood-writer");
			this.reader = new Thread(() -> {
				try {
					this.socket.getInputStream().transferTo(OutputStream.nullOutputStream());
				}
				catch (IOException ex) {
					// closed
				}
			}, "flood-reader");
			this.writer.start();
			this.reader.start();
		}

		@Override
		public void close() throws Exception {
			this.running.set(false);
			this.writer.join();
			this.socket.close();
			this.reader.join();
		}

	}

}
