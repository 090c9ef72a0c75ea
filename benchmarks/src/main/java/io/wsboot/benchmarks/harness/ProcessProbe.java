package io.wsboot.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process's CPU time and resident memory from {@code /proc}, and its live heap
 * with {@code jcmd GC.class_histogram}, which runs a full GC first.
 *
 * @author wsboot
 */
final class ProcessProbe {

	/** Clock ticks per second of {@code /proc/PID/stat}, USER_HZ on Linux. */
	private static final long TICKS_PER_SECOND = 100;

	/** Longest wait for jcmd: 60 s. */
	private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

	private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

	private ProcessProbe() {
	}

	/**
	 * Return the CPU time the process used, user and system.
	 * @param pid the process
	 * @return nanoseconds, or -1 when {@code /proc} cannot be read
	 */
	static long cpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
			// the command name in parentheses may hold spaces: count fields after it
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * (1_000_000_000L / TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Return the resident memory of the process.
	 * @param pid the process
	 * @return bytes, or -1 when {@code /proc} cannot be read
	 */
	static long rssBytes(long pid) {
		try {
			String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII);
			Matcher matcher = VM_RSS.matcher(status);
			return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Run a full GC in the process and return the bytes of its live objects.
	 * @param pid the process, a JVM
	 * @return bytes, or -1 when jcmd failed
	 */
	static long liveHeapBytes(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
				.redirectErrorStream(true)
				.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(JCMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			Matcher matcher = HISTOGRAM_TOTAL.matcher(new String(output, StandardCharsets.UTF_8));
			return matcher.find() ? Long.parseLong(matcher.group(2)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
