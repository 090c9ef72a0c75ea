package io.wsboot.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The handshake storm client in C ({@code benchmarks/src/main/c}: {@code storm.c} runs
 * the phases, {@code session.c} the sessions, {@code measure.c} counts, {@code accept.c}
 * computes the accept value, {@code storm.h} declares what they share), built with gcc
 * when first needed and run as a child process: the same sessions as
 * {@link LoadGenerator#storm} with no JVM in the way: what it costs per session is the
 * kernel's loopback TCP work, about as much as the server's.
 *
 * @author wsboot
 */
public final class NativeStormClient {

	/** Where the sources lie below the benchmarks module. */
	public static final String SOURCE_DIRECTORY = "src/main/c";

	/** What the report says when this client is used. */
	public static final String DESCRIPTION = "C (benchmarks/" + SOURCE_DIRECTORY
			+ ", built with gcc -O2): one thread, epoll, no JVM";

	/** The files compiled into the client, {@code main} first. */
	private static final List<String> SOURCES = List.of("storm.c", "session.c", "measure.c", "accept.c");

	/**
	 * The header the sources share: not compiled on its own, but a part of the version.
	 */
	private static final String HEADER = "storm.h";

	/** Longest wait for gcc: 60 s. */
	private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);

	/** Longest wait for the sessions still open when measuring ends, as storm.c: 30 s. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

	/** Grace on top of the client's own bounds before it is killed: 30 s. */
	private static final Duration EXIT_GRACE = Duration.ofSeconds(30);

	private final Path executable;

	private NativeStormClient(Path executable) {
		this.executable = executable;
	}

	/**
	 * Return the executable.
	 * @return the built client
	 */
	public Path executable() {
		return this.executable;
	}

	/**
	 * Find gcc on the {@code PATH}.
	 * @return gcc, or {@code null} when it is not installed
	 */
	public static @Nullable Path findGcc() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(java.io.File.pathSeparator)) {
			Path gcc = Path.of(directory, "gcc");
			if (!directory.isEmpty() && Files.isExecutable(gcc)) {
				return gcc;
			}
		}
		return null;
	}

	/**
	 * Build the client with gcc, once per version of the sources: the executable is kept
	 * in the module's {@code target/native} directory under a name that carries the
	 * digest of the sources and their header.
	 * @param gcc the compiler
	 * @return the client
	 * @throws IOException when the sources cannot be found or do not compile
	 */
	public static NativeStormClient build(Path gcc) throws IOException {
		Path sources = locateSources();
		Path module = sources.getParent().getParent().getParent();
		Path directory = module.resolve("target").resolve("native");
		Path executable = directory.resolve("storm-" + digest(sources));
		if (Files.isExecutable(executable)) {
			return new NativeStormClient(executable);
		}
		Files.createDirectories(directory);
		// built under a temporary name and moved, so that two runs never see half a file
		Path building = Files.createTempFile(directory, "storm-", ".building");
		try {
			List<String> command = new ArrayList<>(
					List.of(gcc.toString(), "-O2", "-Wall", "-Wextra", "-Werror", "-o", building.toString()));
			SOURCES.forEach((source) -> command.add(sources.resolve(source).toString()));
			Process compiler = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = compiler.getInputStream().readAllBytes();
			if (!compiler.waitFor(COMPILE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				compiler.destroyForcibly();
				throw new IOException("gcc did not finish within " + COMPILE_TIMEOUT.toSeconds() + " s");
			}
			if (compiler.exitValue() != 0) {
				throw new IOException("gcc failed on " + sources + ": " + new String(output, StandardCharsets.UTF_8));
			}
			Files.move(building, executable, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while gcc ran", ex);
		}
		finally {
			Files.deleteIfExists(building);
		}
		return new NativeStormClient(executable);
	}

	/**
	 * Find {@code src/main/c} in the benchmarks module: above the classes this class was
	 * loaded from ({@code target/classes}, or the private copy of {@code run.sh} in
	 * {@code target/run-PID/classes}).
	 */
	private static Path locateSources() throws IOException {
		CodeSource codeSource = NativeStormClient.class.getProtectionDomain().getCodeSource();
		if (codeSource != null) {
			try {
				for (Path directory = Path.of(codeSource.getLocation().toURI())
					.toAbsolutePath(); directory != null; directory = directory.getParent()) {
					Path sources = directory.resolve(SOURCE_DIRECTORY);
					if (Files.isRegularFile(sources.resolve(SOURCES.get(0)))) {
						return sources;
					}
				}
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				throw new IOException("cannot tell where the classes were loaded from", ex);
			}
		}
		throw new IOException(SOURCE_DIRECTORY + "/" + SOURCES.get(0) + " not found above the benchmark classes");
	}

	private static String digest(Path sources) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			List<String> files = new ArrayList<>(SOURCES);
			files.add(HEADER);
			for (String file : files) {
				digest.update(file.getBytes(StandardCharsets.UTF_8));
				digest.update(Files.readAllBytes(sources.resolve(file)));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every JDK", ex);
		}
	}

	/**
	 * Run a handshake storm: {@code concurrency} sessions each connect, upgrade, send a
	 * masked close frame, wait for the server's, reset and start over. The client runs on
	 * the cores of this JVM (a child process inherits its affinity).
	 * @param server the server's loopback address
	 * @param path the path of its echo endpoint
	 * @param concurrency sessions opening at once
	 * @param warmup time before measuring
	 * @param measure time measured
	 * @param maxHandshakes most handshakes measured
	 * @param listener told the client's process id, then when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when the client cannot be started
	 */
	public StormResult storm(InetSocketAddress server, String path, int concurrency, Duration warmup, Duration measure,
			long maxHandshakes, MeasurementListener listener) throws IOException {
		Process process = new ProcessBuilder(List.of(this.executable.toString(), server.getAddress().getHostAddress(),
				Integer.toString(server.getPort()), path, Integer.toString(concurrency),
				Long.toString(warmup.toMillis()), Long.toString(measure.toMillis()), Long.toString(maxHandshakes)))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		// every phase of the client is bounded; this bounds a client that hangs anyway
		Duration bound = warmup.plus(measure).plus(CLOSE_TIMEOUT).plus(EXIT_GRACE);
		CompletableFuture.delayedExecutor(bound.toMillis(), TimeUnit.MILLISECONDS).execute(process::destroyForcibly);
		listener.loadGeneratorProcess(process.pid());
		Map<String, String> result = new LinkedHashMap<>();
		String firstError = null;
		boolean measuring = false;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.equals("started")) {
					measuring = true;
					listener.started();
				}
				else if (line.equals("ended") && measuring) {
					measuring = false;
					listener.ended();
				}
				else if (line.startsWith("result ")) {
					for (String field : line.substring("result ".length()).split(" ")) {
						int equals = field.indexOf('=');
						if (equals > 0) {
							result.put(field.substring(0, equals), field.substring(equals + 1));
						}
					}
				}
				else if (line.startsWith("first-error ")) {
					firstError = line.substring("first-error ".length());
				}
			}
		}
		finally {
			if (measuring) {
				listener.ended();
			}
		}
		int exit = awaitExit(process);
		if (exit != 0 || !result.containsKey("handshakes")) {
			return new StormResult(0, 0, 0, 0, 0, 1, "the C storm client exited with " + exit + " without a result"
					+ ((firstError != null) ? " (" + firstError + ")" : ""));
		}
		long handshakes = Long.parseLong(result.get("handshakes"));
		double seconds = Double.parseDouble(result.get("seconds"));
		return new StormResult(handshakes, seconds, (seconds > 0) ? handshakes / seconds : 0,
				Double.parseDouble(result.get("p50_us")), Double.parseDouble(result.get("p99_us")),
				Long.parseLong(result.get("errors")), firstError);
	}

	private static int awaitExit(Process process) throws IOException {
		try {
			if (!process.waitFor(EXIT_GRACE.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while the storm client ran", ex);
		}
	}

}
