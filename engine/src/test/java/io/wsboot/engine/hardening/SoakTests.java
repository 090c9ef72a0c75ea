package io.wsboot.engine.hardening;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Soak: many connections with traffic, then all of them leave; heap after GC, threads and
 * open file descriptors must return to their baseline, so that no buffer, session or
 * selector key leaks. {@code -Dwsboot.soak.connections=10000 -Dwsboot.soak.rounds=20}
 * runs the longer version documented in {@code docs/hardening.md}.
 *
 * @author wsboot
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SoakTests {

	static final int CONNECTIONS = Integer.getInteger("wsboot.soak.connections", 2_000);

	static final int ROUNDS = Integer.getInteger("wsboot.soak.rounds", 3);

	/** Descriptors the JVM may open meanwhile for itself (class loading, logging). */
	static final int FD_SLACK = 8;

	/**
	 * Heap that lazily built caches may keep: 4 MiB, against the 3.5 KiB per connection a
	 * leak of every session would keep (7 MiB for 2,000).
	 */
	static final long HEAP_SLACK_BYTES = 4L * 1024 * 1024;

	static final String SOAK_PATH = "/soak";

	private static final String UPGRADE = "GET " + SOAK_PATH + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
			+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

	private EchoServerFixture fixture;

	@AfterEach
	void stopServer() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	/**
	 * Count this process's open file descriptors.
	 * @return the count, or -1 without {@code /proc}
	 */
	static int openFileDescriptors() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return (int) fds.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Nested
	@DisplayName("Soak: connections come and go without leaks")
	class Soak {

		@Test
		void heapThreadsAndDescriptorsReturnToBaselineAfterAllClientsLeave() throws IOException {
			// an echo that keeps nothing: the fixture's recording echo keeps every
			// session
			WsHandler echo = new WsHandler() {

				@Override
				public void onText(WsSession session, String text) {
					session.sendText(text);
				}

			};
			SoakTests.this.fixture = EchoServerFixture.start(
					(config) -> config.withEventLoops(2).withMaxConnections(CONNECTIONS + 100, CONNECTIONS + 100),
					Endpoint.of(SOAK_PATH, echo));
			int port = SoakTests.this.fixture.port();
			// warm up: load the classes and fill the pools a connection uses
			runClients(port, 50, 2);
			awaitAllGone();
			Snapshot before = Snapshot.take();
			long start = System.nanoTime();
			List<SoakClient> clients = openAndEcho(port, CONNECTIONS, ROUNDS, "round ");
			Snapshot peak = Snapshot.take();
			assertThat(SoakTests.this.fixture.server().sessions()).hasSize(CONNECTIONS);
			for (int i = 0; i < clients.size(); i++) {
				// half close properly, half vanish
				clients.get(i).close(i % 2 == 0);
			}
			clients.clear();
			awaitAllGone();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> openFileDescriptors() <= before.descriptors() + FD_SLACK);
			Snapshot after = Snapshot.take();
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.printf("soak: %d connections x %d echoes in %s%n  before %s%n  peak   %s%n  after  %s%n",
					CONNECTIONS, ROUNDS, took, before, peak, after);
			assertThat(peak.descriptors()).isGreaterThanOrEqualTo(before.descriptors() + CONNECTIONS);
			assertThat(after.descriptors()).isLessThanOrEqualTo(before.descriptors() + FD_SLACK);
			assertThat(after.threads()).isLessThanOrEqualTo(before.threads() + 2);
			assertThat(after.heapBytes()).isLessThanOrEqualTo(before.heapBytes() + HEAP_SLACK_BYTES);
		}

		/**
		 * Open clients, then have each echo one message per round, round after round.
		 */
		private List<SoakClient> openAndEcho(int port, int count, int rounds, String label) throws IOException {
			List<SoakClient> clients = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				clients.add(SoakClient.open(port));
			}
			for (int round = 0; round < rounds; round++) {
				for (SoakClient client : clients) {
					client.echo(label + round);
				}
			}
			return clients;
		}

		private void runClients(int port, int count, int rounds) throws IOException {
			List<SoakClient> clients = openAndEcho(port, count, rounds, "warm-up ");
			for (int i = 0; i < clients.size(); i++) {
				clients.get(i).close(i % 2 == 0);
			}
		}

		private void awaitAllGone() {
			await().atMost(Duration.ofSeconds(30)).until(() -> SoakTests.this.fixture.server().sessions().isEmpty());
		}

	}

	/**
	 * Heap used after GC, live threads and open descriptors.
	 */
	record Snapshot(long heapBytes, int threads, int descriptors) {

		static Snapshot take() {
			System.gc();
			System.gc();
			return new Snapshot(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
					ManagementFactory.getThreadMXBean().getThreadCount(), openFileDescriptors());
		}

		@Override
		public String toString() {
			return String.format("heap %.1f MiB, %d threads, %d descriptors", this.heapBytes / 1048576.0, this.threads,
					this.descriptors);
		}

	}

	/**
	 * A minimal blocking client with no thread of its own, so that thousands fit in a
	 * test.
	 */
	static final class SoakClient {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private SoakClient(Socket socket) throws IOException {
			this.socket = socket;
			this.in = socket.getInputStream();
			this.out = socket.getOutputStream();
		}

		static SoakClient open(int port) throws IOException {
			Socket socket = new Socket();
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(10_000);
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			SoakClient client = new SoakClient(socket);
			client.out.write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
			String head = client.readHead();
			if (!head.startsWith("HTTP/1.1 101 ")) {
				socket.close();
				throw new AssertionError("expected 101 but got " + head);
			}
			return client;
		}

		private String readHead() throws IOException {
			StringBuilder head = new StringBuilder();
			while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
				head.append((char) readByte());
			}
			return head.toString();
		}

		void echo(String text) throws IOException {
			this.out.write(ClientFrames.text(text));
			int b0 = readByte();
			int length = readByte();
			byte[] payload = this.in.readNBytes(length);
			String echoed = new String(payload, StandardCharsets.UTF_8);
			if (b0 != 0x81 || !echoed.equals(text)) {
				throw new AssertionError(
						"expected an echo of " + text + " but got " + Integer.toHexString(b0) + " " + echoed);
			}
		}

		void close(boolean handshake) throws IOException {
			if (handshake) {
				this.out.write(ClientFrames.close(1000, ""));
				// the server's close frame, then its FIN
				while (this.in.read() >= 0) {
					// drain
				}
			}
			this.socket.close();
		}

		private int readByte() throws IOException {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("server closed the connection");
			}
			return b;
		}

	}

}
