package io.wsboot.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Redis for the cluster tests: the one on 127.0.0.1:6379 when it answers (as
 * {@code .ci/services} starts it), else a {@code redis-server} process of our own on a
 * free loopback port. Off CI without {@code redis-server} the tests skip; under
 * {@code CI=true} they fail.
 */
final class RedisServer implements AutoCloseable {

	static final int DEFAULT_PORT = 6379;

	private static final String REQUIRES = "requires redis-server (Debian package redis-server) on PATH";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static RedisServer shared;

	private final int port;

	private Process process;

	private RedisServer(int port) {
		this.port = port;
		this.process = launch(port);
	}

	/**
	 * Skip (off CI) or fail (CI=true) unless redis-server can be run.
	 */
	static void assumeAvailable() {
		check(onPath() || answers(DEFAULT_PORT));
	}

	private static void check(boolean found) {
		if (Boolean.parseBoolean(System.getenv("CI"))) {
			assertThat(found).as(REQUIRES).isTrue();
		}
		Assumptions.assumeTrue(found, REQUIRES);
	}

	/**
	 * Return the port of a Redis that every test class may share (with its own channel
	 * prefix).
	 * @return the port
	 */
	static synchronized int sharedPort() {
		assumeAvailable();
		if (answers(DEFAULT_PORT)) {
			return DEFAULT_PORT;
		}
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared.port;
	}

	/**
	 * Start a Redis of our own on a free loopback port, without persistence.
	 * @return the running server
	 */
	static RedisServer start() {
		check(onPath());
		int port = freePort();
		return new RedisServer(port);
	}

	/**
	 * Start a Redis of our own on a given port.
	 * @param port the port
	 * @return the running server
	 */
	static RedisServer startOn(int port) {
		check(onPath());
		return new RedisServer(port);
	}

	int port() {
		return this.port;
	}

	/**
	 * Kill the server (losing every key) and start it again on the same port.
	 */
	void restart() {
		stop();
		this.process = launch(this.port);
	}

	/**
	 * Kill the server; it no longer answers when this returns.
	 */
	void stop() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		await().atMost(START_TIMEOUT).until(() -> !answers(this.port));
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

	private static Process launch(int port) {
		try {
			Path log = Files.createTempFile("wsboot-redis-" + port, ".log");
			Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> answers(port));
			return process;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start redis-server on port " + port, ex);
		}
	}

	static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean onPath() {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "redis-server")));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
