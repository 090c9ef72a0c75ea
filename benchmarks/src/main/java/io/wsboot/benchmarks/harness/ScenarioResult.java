package io.wsboot.benchmarks.harness;

import java.util.Map;

import io.wsboot.benchmarks.servers.ServerKind;
import org.jspecify.annotations.Nullable;

/**
 * What one server did in one scenario: named metrics (see {@link Metric}), the errors the
 * load generator saw and the first of them.
 *
 * @param server the server
 * @param scenario the scenario
 * @param metrics the metrics by name, in display order
 * @param errors errors seen by the load generator
 * @param note the first error or why the scenario did not run, or {@code null}
 * @author wsboot
 */
public record ScenarioResult(ServerKind server, Scenario scenario, Map<String, Double> metrics, long errors,
		@Nullable String note) {

	/**
	 * Return a metric.
	 * @param name the metric's name
	 * @return its value, or {@code null} when not measured
	 */
	public @Nullable Double metric(String name) {
		return this.metrics.get(name);
	}

	/**
	 * The names of the metrics.
	 */
	public static final class Metric {

		/** Echoed messages per second. */
		public static final String MESSAGES_PER_SECOND = "messagesPerSecond";

		/** Echoed payload, MB (10^6 bytes) per second, one way. */
		public static final String MEGABYTES_PER_SECOND = "megabytesPerSecond";

		/** Median latency in microseconds. */
		public static final String P50_MICROS = "p50Micros";

		/** 99th percentile latency in microseconds. */
		public static final String P99_MICROS = "p99Micros";

		/** 99.9th percentile latency in microseconds. */
		public static final String P999_MICROS = "p999Micros";

		/**
		 * Echoed messages per second of server CPU time: throughput normalised by the CPU
		 * the server actually got, robust to other processes taking cores on a shared
		 * machine.
		 */
		public static final String MESSAGES_PER_CPU_SECOND = "messagesPerServerCpuSecond";

		/** Upgrades answered per second of server CPU time. */
		public static final String HANDSHAKES_PER_CPU_SECOND = "handshakesPerServerCpuSecond";

		/** The server's CPU use over the measured period, 100 = one core. */
		public static final String SERVER_CPU_PERCENT = "serverCpuPercent";

		/** The load generator's CPU use over the measured period, 100 = one core. */
		public static final String CLIENT_CPU_PERCENT = "clientCpuPercent";

		/** Live heap per idle connection after a full GC, in bytes. */
		public static final String HEAP_BYTES_PER_CONNECTION = "heapBytesPerConnection";

		/** Resident memory per idle connection, in bytes. */
		public static final String RSS_BYTES_PER_CONNECTION = "rssBytesPerConnection";

		/** Idle connections opened. */
		public static final String CONNECTIONS = "connections";

		/** Upgrades answered per second. */
		public static final String HANDSHAKES_PER_SECOND = "handshakesPerSecond";

		private Metric() {
		}

	}

}
