package io.wsboot.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Where and how a run happened: what a reader needs to weigh its numbers.
 *
 * @param date when the run started
 * @param label a free-text label such as "preliminary"
 * @param command the command that started the run
 * @param jdk the JDK of the harness and of every server
 * @param cpus the machine's processors
 * @param cpuModel the processor model from {@code /proc/cpuinfo}
 * @param kernel the Linux kernel release
 * @param serverJvmFlags the flags every Java server ran with
 * @param pinning how client and servers were pinned to cores
 * @param warmup warm-up of each scenario
 * @param measure measured period of each scenario
 * @param rounds how many times every scenario ran on every server
 * @param inProcess whether the servers ran in the harness's JVM (smoke pass only)
 * @param stormClient which load generator ran the handshake storm, and why
 * @author wsboot
 */
public record RunInfo(ZonedDateTime date, String label, String command, String jdk, int cpus, String cpuModel,
		String kernel, List<String> serverJvmFlags, String pinning, Duration warmup, Duration measure, int rounds,
		boolean inProcess, String stormClient) {

	static String readCpuModel() {
		return readOr("/proc/cpuinfo", "unknown").lines()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown");
	}

	static int countCpus() {
		long count = readOr("/proc/cpuinfo", "").lines().filter((line) -> line.startsWith("processor")).count();
		return (count > 0) ? (int) count : Runtime.getRuntime().availableProcessors();
	}

	static String readKernel() {
		return readOr("/proc/sys/kernel/osrelease", "unknown").trim();
	}

	static String currentJdk() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
	}

	private static String readOr(String file, String fallback) {
		try {
			return Files.readString(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return fallback;
		}
	}

}
