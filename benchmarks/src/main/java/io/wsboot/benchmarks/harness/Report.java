package io.wsboot.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.wsboot.benchmarks.harness.ScenarioResult.Metric;
import io.wsboot.benchmarks.servers.ServerKind;
import org.jspecify.annotations.Nullable;

/**
 * The results of a run as a Markdown page and as JSON, every figure beside its ratio to
 * Netty measured in the same run.
 *
 * @author wsboot
 */
public final class Report {

	private final RunInfo info;

	private final Map<ServerKind, String> transports;

	private final List<Scenario> scenarios;

	private final List<ScenarioResult> results;

	/**
	 * Create a report.
	 * @param info where and how the run happened
	 * @param transports the transport of each server that ran
	 * @param scenarios the scenarios in order
	 * @param results every result
	 */
	public Report(RunInfo info, Map<ServerKind, String> transports, List<Scenario> scenarios,
			List<ScenarioResult> results) {
		this.info = info;
		this.transports = new LinkedHashMap<>(transports);
		this.scenarios = List.copyOf(scenarios);
		this.results = List.copyOf(results);
	}

	/**
	 * Return the results.
	 * @return every result
	 */
	public List<ScenarioResult> results() {
		return this.results;
	}

	/**
	 * Return one result.
	 * @param server the server
	 * @param scenarioId the scenario's id
	 * @return the result, or {@code null} when it did not run
	 */
	public @Nullable ScenarioResult result(ServerKind server, String scenarioId) {
		for (ScenarioResult result : this.results) {
			if (result.server() == server && result.scenario().id().equals(scenarioId)) {
				return result;
			}
		}
		return null;
	}

	/**
	 * Write {@code <name>.md} and {@code <name>.json}.
	 * @param directory the directory
	 * @param name the file name without extension
	 * @throws IOException when writing fails
	 */
	public void write(Path directory, String name) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(name + ".md"), markdown(), StandardCharsets.UTF_8);
		Files.writeString(directory.resolve(name + ".json"), json(), StandardCharsets.UTF_8);
	}

	/**
	 * Render the report as Markdown.
	 * @return the page
	 */
	public String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("# wsboot side-by-side benchmark: ").append(this.info.label()).append("\n\n");
		md.append("- Date: ").append(this.info.date().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
		md.append("- JDK: ").append(this.info.jdk()).append('\n');
		md.append("- Machine: ")
			.append(this.info.cpus())
			.append(" CPUs (nproc), ")
			.append(this.info.cpuModel())
			.append(", Linux ")
			.append(this.info.kernel())
			.append('\n');
		md.append("- Command: `").append(this.info.command()).append("`\n");
		md.append("- Server JVM flags (every Java server): `")
			.append(String.join(" ", this.info.serverJvmFlags()))
			.append("`\n");
		md.append("- Pinning: ").append(this.info.pinning()).append('\n');
		md.append("- Storm client: ").append(this.info.stormClient()).append('\n');
		md.append("- Each scenario: ")
			.append(this.info.warmup().toSeconds())
			.append(" s warm-up, ")
			.append(this.info.measure().toSeconds())
			.append(" s measured, ")
			.append(this.info.rounds())
			.append(" round(s) with the server order alternating, best round kept (idle: first round only);")
			.append(" every echoed payload verified byte for byte, in order\n");
		if (this.info.inProcess()) {
			md.append("- **Servers ran inside the harness JVM (smoke pass): these numbers mean nothing.**\n");
		}
		md.append("\nRatios are against Netty in this same run. Absolute numbers on a shared machine are noise. ")
			.append("When other processes take the cores, a server gets less than one core (see server CPU %): ")
			.append("throughput per server CPU-second is then the steadier measure of efficiency. ")
			.append("The kernel shares a busy core per runnable thread, so under contention servers with many ")
			.append("threads (Jetty, Tomcat, Java-WebSocket, the wsboot Spring layer's handler pool with executor ")
			.append("dispatch) get a larger ")
			.append("share of their pinned core than one-event-loop servers (Netty, the bare wsboot engine).\n");
		appendServers(md);
		appendGoals(md);
		for (Scenario scenario : this.scenarios) {
			appendScenario(md, scenario);
		}
		appendNotes(md);
		return md.toString();
	}

	private void appendServers(StringBuilder md) {
		md.append("\n## Servers\n\n| Server | Transport |\n| --- | --- |\n");
		for (ServerKind kind : ServerKind.values()) {
			String transport = this.transports.get(kind);
			md.append("| ")
				.append(kind.label())
				.append(" | ")
				.append((transport != null) ? transport : "did not run")
				.append(" |\n");
		}
	}

	private void appendGoals(StringBuilder md) {
		md.append("\n## Goals\n\n| Goal | Measured |\n| --- | --- |\n");
		for (String[] goal : goals()) {
			md.append("| ").append(goal[0]).append(" | ").append(goal[1]).append(" |\n");
		}
	}

	/**
	 * Return the goals with what this run measured.
	 * @return pairs of goal and measurement
	 */
	List<String[]> goals() {
		List<String[]> goals = new ArrayList<>();
		for (String id : List.of("echo-64-text-c100-f16", "echo-4k-binary-c100-f8", "echo-64k-binary-c10-f4")) {
			String title = title(id);
			goals.add(new String[] { "Throughput vs Netty, " + title,
					ratioText(ServerKind.WSBOOT, ServerKind.NETTY, id, Metric.MESSAGES_PER_SECOND) });
			goals.add(new String[] { "Throughput vs Spring WebSocket on Tomcat, " + title,
					ratioText(ServerKind.WSBOOT, ServerKind.SPRING_TOMCAT, id, Metric.MESSAGES_PER_SECOND) });
		}
		for (String id : List.of("echo-4k-binary-c100-f8", "echo-64k-binary-c10-f4")) {
			goals.add(new String[] { "Throughput vs Netty, engine with borrowed binary messages (opt-in), " + title(id),
					ratioText(ServerKind.WSBOOT_BORROWING, ServerKind.NETTY, id, Metric.MESSAGES_PER_SECOND) });
		}
		goals.add(new String[] { "p99 latency vs Netty, " + title("echo-64-text-c100-f1") + " (lower is better)",
				ratioText(ServerKind.WSBOOT, ServerKind.NETTY, "echo-64-text-c100-f1", Metric.P99_MICROS) });
		String idle = this.scenarios.stream()
			.filter((scenario) -> scenario.type() == Scenario.Type.IDLE)
			.map(Scenario::id)
			.findFirst()
			.orElse("idle-c10000");
		goals.add(new String[] { "Heap per idle connection (goal ≤ 1 KiB; Netty ≈ 2 KiB)",
				"wsboot " + bytes(value(ServerKind.WSBOOT, idle, Metric.HEAP_BYTES_PER_CONNECTION)) + ", Netty "
						+ bytes(value(ServerKind.NETTY, idle, Metric.HEAP_BYTES_PER_CONNECTION)) });
		goals.add(new String[] { "Handshakes/s vs Netty",
				ratioText(ServerKind.WSBOOT, ServerKind.NETTY, "storm", Metric.HANDSHAKES_PER_SECOND) });
		for (String id : List.of("echo-64-text-c100-f16", "echo-4k-binary-c100-f8")) {
			goals.add(new String[] { "Spring layer vs bare engine (goal ≥ 0.90×; event-loop dispatch), " + title(id),
					ratioText(ServerKind.WSBOOT_SPRING, ServerKind.WSBOOT, id, Metric.MESSAGES_PER_SECOND) });
			goals.add(new String[] { "Spring layer vs bare engine, executor dispatch (the default), " + title(id),
					ratioText(ServerKind.WSBOOT_SPRING_EXECUTOR, ServerKind.WSBOOT, id, Metric.MESSAGES_PER_SECOND) });
		}
		return goals;
	}

	private String title(String scenarioId) {
		return this.scenarios.stream()
			.filter((scenario) -> scenario.id().equals(scenarioId))
			.map(Scenario::title)
			.findFirst()
			.orElse(scenarioId);
	}

	private String ratioText(ServerKind server, ServerKind reference, String scenarioId, String metric) {
		Double value = value(server, scenarioId, metric);
		Double base = value(reference, scenarioId, metric);
		if (value == null || base == null || base == 0) {
			return "not measured";
		}
		String text = String.format(Locale.ROOT, "%.2f× (%s vs %s)", value / base, number(value), number(base));
		String perCpu = Metric.MESSAGES_PER_SECOND.equals(metric) ? Metric.MESSAGES_PER_CPU_SECOND
				: Metric.HANDSHAKES_PER_SECOND.equals(metric) ? Metric.HANDSHAKES_PER_CPU_SECOND : null;
		if (perCpu != null) {
			Double valuePerCpu = value(server, scenarioId, perCpu);
			Double basePerCpu = value(reference, scenarioId, perCpu);
			if (valuePerCpu != null && basePerCpu != null && basePerCpu != 0) {
				text += String.format(Locale.ROOT, "; per server CPU-second %.2f×", valuePerCpu / basePerCpu);
			}
		}
		return text;
	}

	private @Nullable Double value(ServerKind server, String scenarioId, String metric) {
		ScenarioResult result = result(server, scenarioId);
		return (result != null) ? result.metric(metric) : null;
	}

	private void appendScenario(StringBuilder md, Scenario scenario) {
		md.append("\n## ").append(scenario.title()).append("\n\n");
		List<String[]> columns = switch (scenario.type()) {
			case ECHO -> List.of(new String[] { Metric.MESSAGES_PER_SECOND, "msg/s" },
					new String[] { Metric.MESSAGES_PER_CPU_SECOND, "msg per server CPU-s" },
					new String[] { Metric.MEGABYTES_PER_SECOND, "MB/s" }, new String[] { Metric.P50_MICROS, "p50 µs" },
					new String[] { Metric.P99_MICROS, "p99 µs" }, new String[] { Metric.P999_MICROS, "p99.9 µs" },
					new String[] { Metric.SERVER_CPU_PERCENT, "server CPU %" },
					new String[] { Metric.CLIENT_CPU_PERCENT, "client CPU %" });
			case IDLE -> List.of(new String[] { Metric.CONNECTIONS, "connections" },
					new String[] { Metric.HEAP_BYTES_PER_CONNECTION, "heap B/conn" },
					new String[] { Metric.RSS_BYTES_PER_CONNECTION, "RSS B/conn" });
			case STORM -> List.of(new String[] { Metric.HANDSHAKES_PER_SECOND, "handshakes/s" },
					new String[] { Metric.HANDSHAKES_PER_CPU_SECOND, "per server CPU-s" },
					new String[] { Metric.P50_MICROS, "p50 µs" }, new String[] { Metric.P99_MICROS, "p99 µs" },
					new String[] { Metric.SERVER_CPU_PERCENT, "server CPU %" },
					new String[] { Metric.CLIENT_CPU_PERCENT, "client CPU %" });
		};
		String ratioMetric = ratioMetric(scenario);
		String cpuRatioMetric = cpuRatioMetric(scenario);
		md.append("| Server |");
		for (String[] column : columns) {
			md.append(' ').append(column[1]).append(" |");
		}
		md.append(" × Netty |");
		if (cpuRatioMetric != null) {
			md.append(" × Netty per CPU-s |");
		}
		md.append(" errors |\n|---|");
		md.append("---:|".repeat(columns.size() + ((cpuRatioMetric != null) ? 3 : 2))).append('\n');
		for (ServerKind kind : ServerKind.values()) {
			ScenarioResult result = result(kind, scenario.id());
			if (result == null) {
				continue;
			}
			md.append("| ").append(kind.label()).append(" |");
			for (String[] column : columns) {
				md.append(' ').append(number(result.metric(column[0]))).append(" |");
			}
			md.append(' ').append(ratio(result, ratioMetric)).append(" |");
			if (cpuRatioMetric != null) {
				md.append(' ').append(ratio(result, cpuRatioMetric)).append(" |");
			}
			md.append(' ').append(result.errors()).append(" |\n");
		}
		md.append("\n× Netty: ratio of ").append(ratioMetric);
		if (cpuRatioMetric != null) {
			md.append("; per CPU-s: ratio of ").append(cpuRatioMetric);
		}
		md.append('\n');
	}

	private String ratio(ScenarioResult result, String metric) {
		Double value = result.metric(metric);
		Double netty = value(ServerKind.NETTY, result.scenario().id(), metric);
		return (value != null && netty != null && netty != 0) ? String.format(Locale.ROOT, "%.2f", value / netty) : "–";
	}

	static @Nullable String cpuRatioMetric(Scenario scenario) {
		return switch (scenario.type()) {
			case ECHO -> Metric.MESSAGES_PER_CPU_SECOND;
			case IDLE -> null;
			case STORM -> Metric.HANDSHAKES_PER_CPU_SECOND;
		};
	}

	static String ratioMetric(Scenario scenario) {
		return switch (scenario.type()) {
			case ECHO -> Metric.MESSAGES_PER_SECOND;
			case IDLE -> Metric.HEAP_BYTES_PER_CONNECTION;
			case STORM -> Metric.HANDSHAKES_PER_SECOND;
		};
	}

	private void appendNotes(StringBuilder md) {
		List<ScenarioResult> noted = this.results.stream().filter((result) -> result.note() != null).toList();
		if (noted.isEmpty()) {
			return;
		}
		md.append("\n## Notes\n\n");
		for (ScenarioResult result : noted) {
			md.append("- ")
				.append(result.server().label())
				.append(", ")
				.append(result.scenario().id())
				.append(": ")
				.append(result.note())
				.append('\n');
		}
	}

	private static String number(@Nullable Double value) {
		if (value == null || value.isNaN()) {
			return "–";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		return String.format(Locale.ROOT, "%.1f", value);
	}

	private static String bytes(@Nullable Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%,.0f B", value) : "not measured";
	}

	/**
	 * Render the report as JSON.
	 * @return the document
	 */
	public String json() {
		StringBuilder json = new StringBuilder("{\n  \"run\": {");
		field(json, "date", this.info.date().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), true);
		field(json, "label", this.info.label(), false);
		field(json, "command", this.info.command(), false);
		field(json, "jdk", this.info.jdk(), false);
		json.append(", \"cpus\": ").append(this.info.cpus());
		field(json, "cpuModel", this.info.cpuModel(), false);
		field(json, "kernel", this.info.kernel(), false);
		field(json, "serverJvmFlags", String.join(" ", this.info.serverJvmFlags()), false);
		field(json, "pinning", this.info.pinning(), false);
		field(json, "stormClient", this.info.stormClient(), false);
		json.append(", \"warmupSeconds\": ").append(this.info.warmup().toSeconds());
		json.append(", \"measureSeconds\": ").append(this.info.measure().toSeconds());
		json.append(", \"rounds\": ").append(this.info.rounds());
		json.append(", \"inProcess\": ").append(this.info.inProcess());
		json.append("},\n  \"servers\": [");
		boolean first = true;
		for (Map.Entry<ServerKind, String> entry : this.transports.entrySet()) {
			json.append(first ? "\n    {" : ",\n    {");
			field(json, "id", entry.getKey().id(), true);
			field(json, "label", entry.getKey().label(), false);
			field(json, "transport", entry.getValue(), false);
			json.append('}');
			first = false;
		}
		json.append("\n  ],\n  \"results\": [");
		first = true;
		for (ScenarioResult result : this.results) {
			json.append(first ? "\n    {" : ",\n    {");
			field(json, "server", result.server().id(), true);
			field(json, "scenario", result.scenario().id(), false);
			json.append(", \"metrics\": {");
			boolean firstMetric = true;
			for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
				json.append(firstMetric ? "" : ", ")
					.append(quote(metric.getKey()))
					.append(": ")
					.append(jsonNumber(metric.getValue()));
				firstMetric = false;
			}
			json.append('}');
			String ratioMetric = ratioMetric(result.scenario());
			Double value = result.metric(ratioMetric);
			Double netty = value(ServerKind.NETTY, result.scenario().id(), ratioMetric);
			if (value != null && netty != null && netty != 0) {
				json.append(", \"ratioToNetty\": ").append(jsonNumber(value / netty));
			}
			String cpuRatioMetric = cpuRatioMetric(result.scenario());
			Double perCpu = (cpuRatioMetric != null) ? result.metric(cpuRatioMetric) : null;
			Double nettyPerCpu = (cpuRatioMetric != null)
					? value(ServerKind.NETTY, result.scenario().id(), cpuRatioMetric) : null;
			if (perCpu != null && nettyPerCpu != null && nettyPerCpu != 0) {
				json.append(", \"ratioToNettyPerServerCpuSecond\": ").append(jsonNumber(perCpu / nettyPerCpu));
			}
			json.append(", \"errors\": ").append(result.errors());
			if (result.note() != null) {
				field(json, "note", result.note(), false);
			}
			json.append('}');
			first = false;
		}
		json.append("\n  ]\n}\n");
		return json.toString();
	}

	private static void field(StringBuilder json, String name, String value, boolean first) {
		json.append(first ? "" : ", ").append(quote(name)).append(": ").append(quote(value));
	}

	private static String jsonNumber(double value) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? "null" : String.format(Locale.ROOT, "%.3f", value);
	}

	static String quote(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
