package io.wsboot.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsboot.benchmarks.harness.ScenarioResult.Metric;
import io.wsboot.benchmarks.load.EchoResult;
import io.wsboot.benchmarks.load.EchoSpec;
import io.wsboot.benchmarks.load.IdleResult;
import io.wsboot.benchmarks.load.LoadGenerator;
import io.wsboot.benchmarks.load.MeasurementListener;
import io.wsboot.benchmarks.load.NativeStormClient;
import io.wsboot.benchmarks.load.StormResult;
import io.wsboot.benchmarks.servers.EchoServer;
import io.wsboot.benchmarks.servers.ServerKind;
import org.jspecify.annotations.Nullable;

/**
 * Runs every echo server, each in its own JVM with the same flags, through the same
 * scenarios, one server at a time, with the load generator in this JVM; writes the
 * results as Markdown and JSON. See {@code benchmarks/README.md}.
 *
 * @author wsboot
 */
public final class BenchmarkRunner {

	/** The flags of every server JVM. */
	public static final List<String> SERVER_JVM_FLAGS = List.of("-Xms1g", "-Xmx4g", "-XX:+UseG1GC");

	/** Time the idle connections are left alone before memory is measured: 2 s. */
	private static final Duration IDLE_SETTLE = Duration.ofSeconds(2);

	/** File descriptors kept free besides the connections. */
	private static final int SPARE_FILE_DESCRIPTORS = 256;

	private static final Pattern MAX_OPEN_FILES = Pattern.compile("(?m)^Max open files\\s+(\\d+)");

	private final Settings settings;

	private final Map<ServerKind, String> transports = new LinkedHashMap<>();

	private final List<ScenarioResult> results = new ArrayList<>();

	/** The C storm client, when built; the Java one runs the storm otherwise. */
	private @Nullable NativeStormClient nativeStorm;

	/** Why the storm cannot run at all (CI=true without gcc), or {@code null}. */
	private @Nullable String stormUnavailable;

	/** Which storm client ran, for the report. */
	private String stormClient = "not used (no storm scenario)";

	/**
	 * Create a runner.
	 * @param settings what to run and how
	 */
	public BenchmarkRunner(Settings settings) {
		this.settings = settings;
	}

	/**
	 * Run the full benchmark, or part of it.
	 * @param args {@code --servers netty,wsboot}, {@code --scenarios id,id},
	 * {@code --warmup SECONDS}, {@code --measure SECONDS}, {@code --rounds N},
	 * {@code --out DIR}, {@code --name FILE_NAME}, {@code --label TEXT},
	 * {@code --server-cpus LIST} (for taskset), {@code --jfr DIR} (record each server
	 * with JFR), {@code --command TEXT} (shown in the report), {@code --storm-client
	 * auto|c|java} (the handshake storm's load generator; auto: C when gcc is installed)
	 * @throws Exception when the run cannot be completed
	 */
	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Report report = new BenchmarkRunner(settings).run();
		report.write(settings.out(), settings.name());
		System.out.println(report.markdown());
		System.out.println("Wrote " + settings.out().resolve(settings.name() + ".md") + " and .json");
	}

	/**
	 * Run every server through every scenario. All servers are started first and stay up,
	 * idle while another is measured; each scenario then runs on every server in turn, so
	 * that a change in the machine's background load hits them alike. With several rounds
	 * the server order alternates and the best round of each server counts (the idle
	 * scenario runs in the first round only, on fresh JVMs).
	 * @return the report
	 */
	public Report run() {
		ZonedDateTime started = ZonedDateTime.now();
		Map<ServerKind, ServerHandle> running = new LinkedHashMap<>();
		Map<String, ScenarioResult> best = new LinkedHashMap<>();
		if (this.settings.scenarios().stream().anyMatch((scenario) -> scenario.type() == Scenario.Type.STORM)) {
			chooseStormClient();
		}
		try {
			for (ServerKind kind : this.settings.servers()) {
				ServerHandle server = startOrReport(kind);
				if (server != null) {
					running.put(kind, server);
					this.transports.put(kind, server.transport());
				}
			}
			for (int round = 0; round < this.settings.rounds(); round++) {
				List<ServerKind> order = new ArrayList<>(running.keySet());
				if (round % 2 == 1) {
					Collections.reverse(order);
				}
				for (Scenario scenario : this.settings.scenarios()) {
					if (scenario.type() == Scenario.Type.IDLE && round > 0) {
						continue;
					}
					for (ServerKind kind : order) {
						ScenarioResult result = runLogged(kind, scenario, running.get(kind), round);
						best.merge(kind.id() + " " + scenario.id(), result, BenchmarkRunner::better);
					}
				}
			}
		}
		finally {
			running.values().forEach(ServerHandle::close);
		}
		for (ServerKind kind : this.settings.servers()) {
			for (Scenario scenario : this.settings.scenarios()) {
				ScenarioResult result = best.get(kind.id() + " " + scenario.id());
				if (result != null) {
					this.results.add(result);
				}
			}
		}
		String pinning = this.settings.inProcess() ? "none (in-process)"
				: (this.settings.serverCpus() != null)
						? "load generator on the cores of the harness (run.sh: taskset -c " + this.settings.clientCpus()
								+ "), servers on taskset -c " + this.settings.serverCpus()
						: "none (taskset not found)";
		RunInfo info = new RunInfo(started, this.settings.label(), this.settings.command(), RunInfo.currentJdk(),
				RunInfo.countCpus(), RunInfo.readCpuModel(), RunInfo.readKernel(), SERVER_JVM_FLAGS, pinning,
				this.settings.warmup(), this.settings.measure(), this.settings.rounds(), this.settings.inProcess(),
				this.stormClient);
		return new Report(info, this.transports, this.settings.scenarios(), this.results);
	}

	/**
	 * Build the C storm client if gcc is installed; otherwise fall back to the Java one
	 * and say so, except under {@code CI=true} (or {@code --storm-client c}), where a
	 * missing gcc fails the storm rather than measuring the Java client's limit.
	 */
	private void chooseStormClient() {
		String choice = this.settings.stormClient();
		if (choice.equals("java")) {
			this.stormClient = "Java (LoadGenerator, one thread; --storm-client java)";
			log("storm client: " + this.stormClient);
			return;
		}
		Path gcc = NativeStormClient.findGcc();
		String problem;
		if (gcc == null) {
			problem = "gcc not found";
		}
		else {
			try {
				this.nativeStorm = NativeStormClient.build(gcc);
				this.stormClient = NativeStormClient.DESCRIPTION;
				log("storm client: " + this.nativeStorm.executable());
				return;
			}
			catch (IOException ex) {
				problem = "building it failed: " + ex.getMessage();
			}
		}
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		if (ci || choice.equals("c")) {
			this.stormUnavailable = "requires gcc (Debian package gcc) for the C storm client: " + problem
					+ (ci ? "; under CI=true the storm does not fall back to the Java client" : "");
			this.stormClient = "none: " + this.stormUnavailable;
		}
		else {
			this.stormClient = "Java (LoadGenerator, one thread), because the C client is not available (" + problem
					+ "): the client's core may limit handshakes/s";
		}
		log("storm client: " + this.stormClient);
	}

	private @Nullable ServerHandle startOrReport(ServerKind kind) {
		log("starting " + kind.label());
		try {
			return start(kind);
		}
		catch (Exception ex) {
			for (Scenario scenario : this.settings.scenarios()) {
				this.results.add(new ScenarioResult(kind, scenario, Map.of(), 1, "server did not start: " + ex));
			}
			return null;
		}
	}

	private ScenarioResult runLogged(ServerKind kind, Scenario scenario, ServerHandle server, int round) {
		if (!server.isAlive()) {
			return new ScenarioResult(kind, scenario, Map.of(), 1, "server process died");
		}
		log(kind.id() + " round " + (round + 1) + ": " + scenario.title());
		ScenarioResult result = runScenario(kind, scenario, server);
		log(kind.id() + ": " + result.metrics() + " errors=" + result.errors()
				+ ((result.note() != null) ? " (" + result.note() + ")" : ""));
		return result;
	}

	/**
	 * Keep the round with the better primary metric, counting the errors of both.
	 */
	private static ScenarioResult better(ScenarioResult first, ScenarioResult second) {
		String metric = Report.ratioMetric(first.scenario());
		Double a = first.metric(metric);
		Double b = second.metric(metric);
		ScenarioResult kept = (b != null && (a == null || b > a)) ? second : first;
		String note = (first.note() != null) ? first.note() : second.note();
		return new ScenarioResult(kept.server(), kept.scenario(), kept.metrics(), first.errors() + second.errors(),
				note);
	}

	private ServerHandle start(ServerKind kind) throws Exception {
		if (this.settings.inProcess()) {
			return InProcessServer.start(kind);
		}
		List<String> command = new ArrayList<>();
		if (this.settings.serverCpus() != null) {
			command.addAll(List.of("taskset", "-c", this.settings.serverCpus()));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(SERVER_JVM_FLAGS);
		if (this.settings.jfr() != null) {
			Path recording = this.settings.jfr().resolve(kind.id() + ".jfr").toAbsolutePath();
			Files.createDirectories(recording.getParent());
			command.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path")));
		return ServerProcess.start(kind, command, this.settings.out().resolve("logs").resolve(kind.id() + ".log"));
	}

	private ScenarioResult runScenario(ServerKind kind, Scenario scenario, ServerHandle server) {
		InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
		try (LoadGenerator generator = new LoadGenerator(address, EchoServer.PATH)) {
			return switch (scenario.type()) {
				case ECHO -> echo(kind, scenario, server, generator);
				case IDLE -> idle(kind, scenario, server, generator);
				case STORM -> storm(kind, scenario, server, generator);
			};
		}
		catch (IOException | RuntimeException ex) {
			return new ScenarioResult(kind, scenario, Map.of(), 1, "harness failure: " + ex);
		}
	}

	private ScenarioResult echo(ServerKind kind, Scenario scenario, ServerHandle server, LoadGenerator generator)
			throws IOException {
		CpuSampler cpu = new CpuSampler(server.pid());
		EchoSpec spec = new EchoSpec(scenario.connections(), scenario.inFlight(), scenario.payloadBytes(),
				scenario.text(), this.settings.warmup(), this.settings.measure(), this.settings.maxMessages());
		EchoResult result = generator.echo(spec, cpu);
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put(Metric.MESSAGES_PER_SECOND, result.messagesPerSecond());
		metrics.put(Metric.MEGABYTES_PER_SECOND, result.megabytesPerSecond());
		metrics.put(Metric.P50_MICROS, result.p50Micros());
		metrics.put(Metric.P99_MICROS, result.p99Micros());
		metrics.put(Metric.P999_MICROS, result.p999Micros());
		cpu.addTo(metrics);
		perCpuSecond(metrics, Metric.MESSAGES_PER_SECOND, Metric.MESSAGES_PER_CPU_SECOND);
		return new ScenarioResult(kind, scenario, metrics, result.errors(), result.firstError());
	}

	private ScenarioResult idle(ServerKind kind, Scenario scenario, ServerHandle server, LoadGenerator generator)
			throws IOException {
		long limit = maxOpenFiles();
		if (limit > 0 && scenario.connections() + SPARE_FILE_DESCRIPTORS > limit) {
			return new ScenarioResult(kind, scenario, Map.of(), 1, "not run: ulimit -n is " + limit + ", "
					+ (scenario.connections() + SPARE_FILE_DESCRIPTORS) + " needed (run.sh raises it)");
		}
		long heapBefore = ProcessProbe.liveHeapBytes(server.pid());
		long rssBefore = ProcessProbe.rssBytes(server.pid());
		IdleResult opened = generator.openIdle(scenario.connections());
		pause(this.settings.inProcess() ? Duration.ZERO : IDLE_SETTLE);
		long heapAfter = ProcessProbe.liveHeapBytes(server.pid());
		long rssAfter = ProcessProbe.rssBytes(server.pid());
		int answered = generator.closeIdle();
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put(Metric.CONNECTIONS, (double) opened.opened());
		if (opened.opened() > 0 && heapBefore >= 0 && heapAfter >= 0) {
			metrics.put(Metric.HEAP_BYTES_PER_CONNECTION, (heapAfter - heapBefore) / (double) opened.opened());
		}
		if (opened.opened() > 0 && rssBefore >= 0 && rssAfter >= 0) {
			metrics.put(Metric.RSS_BYTES_PER_CONNECTION, (rssAfter - rssBefore) / (double) opened.opened());
		}
		long errors = opened.errors() + (opened.opened() - answered);
		String note = opened.firstError();
		if (note == null && answered < opened.opened()) {
			note = (opened.opened() - answered) + " idle connections did not answer the close handshake";
		}
		return new ScenarioResult(kind, scenario, metrics, errors, note);
	}

	private ScenarioResult storm(ServerKind kind, Scenario scenario, ServerHandle server, LoadGenerator generator)
			throws IOException {
		if (this.stormUnavailable != null) {
			return new ScenarioResult(kind, scenario, Map.of(), 1, this.stormUnavailable);
		}
		CpuSampler cpu = new CpuSampler(server.pid());
		NativeStormClient nativeStorm = this.nativeStorm;
		StormResult result = (nativeStorm != null)
				? nativeStorm.storm(new InetSocketAddress("127.0.0.1", server.port()), EchoServer.PATH,
						scenario.connections(), this.settings.warmup(), this.settings.measure(),
						this.settings.maxMessages(), cpu)
				: generator.storm(scenario.connections(), this.settings.warmup(), this.settings.measure(),
						this.settings.maxMessages(), cpu);
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put(Metric.HANDSHAKES_PER_SECOND, result.handshakesPerSecond());
		metrics.put(Metric.P50_MICROS, result.p50Micros());
		metrics.put(Metric.P99_MICROS, result.p99Micros());
		cpu.addTo(metrics);
		perCpuSecond(metrics, Metric.HANDSHAKES_PER_SECOND, Metric.HANDSHAKES_PER_CPU_SECOND);
		return new ScenarioResult(kind, scenario, metrics, result.errors(), result.firstError());
	}

	private static void perCpuSecond(Map<String, Double> metrics, String rate, String perCpuSecond) {
		Double cpuPercent = metrics.get(Metric.SERVER_CPU_PERCENT);
		Double value = metrics.get(rate);
		if (cpuPercent != null && value != null && cpuPercent > 1) {
			metrics.put(perCpuSecond, value / (cpuPercent / 100));
		}
	}

	private static long maxOpenFiles() {
		try {
			Matcher matcher = MAX_OPEN_FILES
				.matcher(Files.readString(Path.of("/proc/self/limits"), StandardCharsets.US_ASCII));
			return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
		}
		catch (IOException | NumberFormatException ex) {
			return -1;
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void log(String message) {
		System.err.println("[bench " + LocalTime.now().withNano(0) + "] " + message);
	}

	/**
	 * Samples the CPU time of the server and of this JVM over the measured period.
	 */
	private static final class CpuSampler implements MeasurementListener {

		private final long serverPid;

		private long clientPid = ProcessHandle.current().pid();

		private long startNanos;

		private long endNanos;

		private long serverStart;

		private long serverEnd;

		private long clientStart;

		private long clientEnd;

		CpuSampler(long serverPid) {
			this.serverPid = serverPid;
		}

		@Override
		public void loadGeneratorProcess(long pid) {
			this.clientPid = pid;
		}

		@Override
		public void started() {
			this.startNanos = System.nanoTime();
			this.serverStart = ProcessProbe.cpuNanos(this.serverPid);
			this.clientStart = ProcessProbe.cpuNanos(this.clientPid);
		}

		@Override
		public void ended() {
			this.endNanos = System.nanoTime();
			this.serverEnd = ProcessProbe.cpuNanos(this.serverPid);
			this.clientEnd = ProcessProbe.cpuNanos(this.clientPid);
		}

		void addTo(Map<String, Double> metrics) {
			double wall = this.endNanos - this.startNanos;
			if (wall <= 0 || this.serverStart < 0 || this.clientStart < 0) {
				return;
			}
			metrics.put(Metric.SERVER_CPU_PERCENT, 100 * (this.serverEnd - this.serverStart) / wall);
			metrics.put(Metric.CLIENT_CPU_PERCENT, 100 * (this.clientEnd - this.clientStart) / wall);
		}

	}

	/**
	 * What to run and how.
	 *
	 * @param servers the servers, in order
	 * @param scenarios the scenarios, in order
	 * @param warmup warm-up of each scenario
	 * @param measure measured period of each scenario
	 * @param maxMessages most messages (or handshakes) per scenario
	 * @param rounds how many times every scenario runs on every server
	 * @param inProcess whether to run the servers in this JVM (smoke pass)
	 * @param serverCpus the cores of the servers for {@code taskset -c}, or {@code null}
	 * @param clientCpus the cores of this JVM, for the report
	 * @param jfr where to write a JFR recording of each server, or {@code null}
	 * @param out the results directory
	 * @param name the file name of the results, without extension
	 * @param label the label of the run
	 * @param command the command shown in the report
	 * @param stormClient {@code auto} (the C client when gcc is installed, else the Java
	 * one, except under {@code CI=true}), {@code c} or {@code java}
	 */
	public record Settings(List<ServerKind> servers, List<Scenario> scenarios, Duration warmup, Duration measure,
			long maxMessages, int rounds, boolean inProcess, @Nullable String serverCpus, String clientCpus,
			@Nullable Path jfr, Path out, String name, String label, String command, String stormClient) {

		/**
		 * Return the settings of the smoke pass: every server in this JVM, small
		 * scenarios, at most a few hundred messages each.
		 * @param out the results directory
		 * @return the settings
		 */
		public static Settings smoke(Path out) {
			return new Settings(List.of(ServerKind.values()), Scenario.smoke(), Duration.ZERO, Duration.ofSeconds(20),
					200, 1, true, null, "-", null, out, "smoke", "smoke pass", "./mvnw verify", "auto");
		}

		private static String stormClient(Map<String, String> options) {
			String choice = options.getOrDefault("storm-client", "auto");
			if (!List.of("auto", "c", "java").contains(choice)) {
				throw new IllegalArgumentException("--storm-client is auto, c or java, not " + choice);
			}
			return choice;
		}

		static Settings parse(String[] args) {
			Map<String, String> options = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				if (!args[i].startsWith("--") || i + 1 >= args.length) {
					throw new IllegalArgumentException("expected --option value pairs but got " + Arrays.asList(args));
				}
				options.put(args[i].substring(2), args[++i]);
			}
			List<ServerKind> servers = List.of(ServerKind.values());
			if (options.containsKey("servers")) {
				servers = Arrays.stream(options.get("servers").split(",")).map(ServerKind::fromId).toList();
			}
			List<Scenario> scenarios = Scenario.full();
			if (options.containsKey("scenarios")) {
				List<String> ids = List.of(options.get("scenarios").split(","));
				scenarios = scenarios.stream().filter((scenario) -> ids.contains(scenario.id())).toList();
			}
			boolean taskset = Files.isExecutable(Path.of("/usr/bin/taskset"));
			String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
			return new Settings(servers, scenarios,
					Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5"))),
					Duration.ofSeconds(Long.parseLong(options.getOrDefault("measure", "10"))), Long.MAX_VALUE,
					Integer.parseInt(options.getOrDefault("rounds", "2")), false,
					taskset ? options.get("server-cpus") : null, options.getOrDefault("client-cpus", "0"),
					options.containsKey("jfr") ? Path.of(options.get("jfr")) : null,
					Path.of(options.getOrDefault("out", "benchmarks/results")), options.getOrDefault("name", stamp),
					options.getOrDefault("label", "run of " + stamp),
					options.getOrDefault("command", "benchmarks/run.sh"), stormClient(options));
		}

	}

}
