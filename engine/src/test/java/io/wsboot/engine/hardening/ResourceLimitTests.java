package io.wsboot.engine.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resource limits under load: connection limits are answered with 503 at the handshake
 * (RFC 6455 §4.2.2 lets a server refuse with an HTTP error) rather than by dropping TCP,
 * and descriptor exhaustion makes the acceptor back off and log once, not spin.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResourceLimitTests {

	@AutoClose
	private EchoServerFixture fixture;

	private static String serviceUnavailable(String reason) {
		String body = reason + "\n";
		return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n" + body;
	}

	private static void assertEcho(RawWsClient client) throws IOException {
		client.send(ClientFrames.text("hello"));
		ServerFrame echo = client.readFrame();
		assertThat(echo.text()).isEqualTo("hello");
	}

	@Nested
	@DisplayName("RFC 6455 §4.2.2 connection limits answered with 503")
	class ConnectionLimits {

		@Test
		void connectionOverTheTotalLimitGets503ThenTheFreedSlotIsReused() throws IOException {
			ResourceLimitTests.this.fixture = EchoServerFixture.start((config) -> config.withMaxConnections(4, 100));
			List<RawWsClient> sessions = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				sessions.add(ResourceLimitTests.this.fixture.open());
			}
			RawWsClient refused = ResourceLimitTests.this.fixture.connect();
			HttpResponseHead head = refused.handshake(UpgradeRequest.get(EchoServerFixture.ECHO_PATH));
			byte[] body = refused.readBody(head);
			assertThat(new String(head.raw(), StandardCharsets.US_ASCII) + new String(body, StandardCharsets.UTF_8))
				.isEqualTo(serviceUnavailable("connection limit of 4 reached"));
			refused.assertTcpClosed(Duration.ofSeconds(5));
			sessions.get(0).send(ClientFrames.close(1000, ""));
			sessions.get(0).readClose();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> ResourceLimitTests.this.fixture.server().sessions().size() == 3);
			assertEcho(ResourceLimitTests.this.fixture.open());
		}

		@Test
		void connectionOverThePerAddressLimitGets503() throws IOException {
			ResourceLimitTests.this.fixture = EchoServerFixture.start((config) -> config.withMaxConnections(100, 2));
			ResourceLimitTests.this.fixture.open();
			ResourceLimitTests.this.fixture.open();
			RawWsClient refused = ResourceLimitTests.this.fixture.connect();
			HttpResponseHead head = refused.handshake(UpgradeRequest.get(EchoServerFixture.ECHO_PATH));
			byte[] body = refused.readBody(head);
			assertThat(new String(head.raw(), StandardCharsets.US_ASCII) + new String(body, StandardCharsets.UTF_8))
				.isEqualTo(serviceUnavailable("connection limit of 2 per address reached"));
		}

		@Test
		void burstOfHandshakesOverTheLimitIsAnsweredNotDropped() throws IOException {
			int limit = 10;
			int burst = 60;
			ResourceLimitTests.this.fixture = EchoServerFixture
				.start((config) -> config.withMaxConnections(limit, limit).withEventLoops(2));
			List<RawWsClient> clients = new ArrayList<>();
			for (int i = 0; i < burst; i++) {
				RawWsClient client = ResourceLimitTests.this.fixture.connect();
				client.send(UpgradeRequest.get(EchoServerFixture.ECHO_PATH).toBytes());
				clients.add(client);
			}
			int upgraded = 0;
			int refused = 0;
			for (RawWsClient client : clients) {
				// every connection gets an HTTP answer: none is reset or closed silently
				int status = client.readResponseHead().status();
				assertThat(status).isIn(101, 503);
				if (status == 101) {
					upgraded++;
				}
				else {
					refused++;
				}
			}
			assertThat(upgraded).isEqualTo(limit);
			assertThat(refused).isEqualTo(burst - limit);
		}

	}

	@Nested
	@DisplayName("File descriptor exhaustion (EMFILE)")
	class DescriptorExhaustion {

		/** The descriptor limit of the forked server JVM. */
		static final int FD_LIMIT = 256;

		@Test
		void acceptorBacksOffLogsOnceAndRecovers() throws Exception {
			Path prlimit = Path.of("/usr/bin/prlimit");
			boolean found = Files.isExecutable(prlimit) && Files.isDirectory(Path.of("/proc/self/fd"));
			if (System.getenv("CI") != null) {
				Assertions.assertTrue(found, "requires prlimit (Debian package util-linux) and /proc");
			}
			Assumptions.assumeTrue(found, "requires prlimit (Debian package util-linux) and /proc");
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process server = new ProcessBuilder(prlimit.toString(), "--nofile=" + FD_LIMIT + ":" + FD_LIMIT, java,
					"-Xmx128m", "-cp", System.getProperty("java.class.path"), FdExhaustionServer.class.getName())
				.redirectErrorStream(true)
				.start();
			BlockingQueue<String> lines = new LinkedBlockingQueue<>();
			List<String> output = new CopyOnWriteArrayList<>();
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						output.add(line);
						lines.add(line);
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			}, "fd-exhaustion-server-output");
			reader.setDaemon(true);
			reader.start();
			List<Socket> held = new ArrayList<>();
			try {
				int port = Integer.parseInt(awaitLine(lines, "PORT ").substring(5));
				int used = Integer.parseInt(awaitLine(lines, "FDS ").substring(4));
				// enough silent connections to use up every descriptor left, and some
				// more
				// waiting in the accept backlog
				int connections = FD_LIMIT - used + 20;
				for (int i = 0; i < connections; i++) {
					Socket socket = new Socket();
					socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
					held.add(socket);
				}
				await().atMost(Duration.ofSeconds(10))
					.until(() -> output.stream().anyMatch((line) -> line.contains("Accepting a connection failed")));
				// accept keeps failing every 100 ms for a while; the warning stays single
				await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
				assertThat(output).filteredOn((line) -> line.contains("Accepting a connection failed"))
					.hasSize(1)
					.first()
					.asString()
					.contains("WARN")
					.contains("Too many open files")
					.contains("pausing accepts for 100 ms");
				assertThat(server.isAlive()).isTrue();
				for (Socket socket : held) {
					socket.close();
				}
				held.clear();
				// descriptors are free again: the server accepts and echoes
				await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
					try (RawWsClient client = RawWsClient.connect(port)) {
						client.upgrade(EchoServerFixture.ECHO_PATH);
						assertEcho(client);
					}
				});
			}
			catch (AssertionError | RuntimeException ex) {
				System.out.println("forked server output:\n" + String.join("\n", output));
				throw ex;
			}
			finally {
				for (Socket socket : held) {
					socket.close();
				}
				server.getOutputStream().close();
				if (!server.waitFor(10, TimeUnit.SECONDS)) {
					server.destroyForcibly();
				}
			}
		}

		private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (System.nanoTime() < deadline) {
				String line = lines.poll(1, TimeUnit.SECONDS);
				if (line != null && line.startsWith(prefix)) {
					return line;
				}
			}
			throw new AssertionError("the server JVM printed no line starting with " + prefix);
		}

	}

}
