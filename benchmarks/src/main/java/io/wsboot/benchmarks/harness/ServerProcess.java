package io.wsboot.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.wsboot.benchmarks.servers.ServerKind;
import io.wsboot.benchmarks.servers.ServerMain;

/**
 * An echo server in its own JVM, started with the same JVM flags as every other server
 * and pinned to its own cores with {@code taskset}. Its output goes to a log file; it
 * stops when its standard input is closed.
 *
 * @author wsboot
 */
final class ServerProcess implements ServerHandle {

	/** Longest wait for a server to listen: 90 s. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	/** Longest wait for a server to stop before it is killed: 20 s. */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

	private final Process process;

	private final int port;

	private final String transport;

	private ServerProcess(Process process, int port, String transport) {
		this.process = process;
		this.port = port;
		this.transport = transport;
	}

	/**
	 * Start a server and wait until it listens.
	 * @param kind the server
	 * @param command the {@code java} command with its flags and class path, and the
	 * {@code taskset} prefix if any
	 * @param log where its output goes
	 * @return the running server
	 * @throws IOException when it cannot be started or does not listen in time
	 */
	static ServerProcess start(ServerKind kind, List<String> command, Path log) throws IOException {
		List<String> full = new ArrayList<>(command);
		full.add(ServerMain.class.getName());
		full.add(kind.id());
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
		CompletableFuture<String> ready = new CompletableFuture<>();
		Thread pump = new Thread(() -> copyOutput(process, log, ready), "output-" + kind.id());
		pump.setDaemon(true);
		pump.start();
		String line;
		try {
			line = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
			process.destroyForcibly();
			throw new IOException(kind.id() + " did not start; see " + log, ex);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while starting " + kind.id(), ex);
		}
		String[] parts = line.substring(ServerMain.READY_PREFIX.length()).split(" ", 2);
		return new ServerProcess(process, Integer.parseInt(parts[0]), parts[1]);
	}

	private static void copyOutput(Process process, Path log, CompletableFuture<String> ready) {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.startsWith(ServerMain.READY_PREFIX)) {
					ready.complete(line);
				}
				out.write(line);
				out.newLine();
				out.flush();
			}
		}
		catch (IOException ex) {
			ready.completeExceptionally(ex);
		}
		ready.completeExceptionally(new IOException("the server exited before listening"));
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String transport() {
		return this.transport;
	}

	@Override
	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
