package io.wsboot.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;

import io.wsboot.benchmarks.harness.ScenarioResult.Metric;
import io.wsboot.benchmarks.load.NativeStormClient;
import io.wsboot.benchmarks.servers.ServerKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke pass of the harness: every echo server, in this JVM, through small versions
 * of every scenario, with the load generator verifying each echoed payload, so that
 * neither the servers, the generator nor the report rot. The full run is
 * {@code benchmarks/run.sh}.
 *
 * @author wsboot
 */
class BenchmarkRunnerSmokeTests {

	@Test
	@DisplayName("every server echoes verified payloads, holds idle connections and survives a handshake storm (C client when gcc is installed)")
	void everyServerPassesEveryScenarioWithoutErrors(@TempDir Path out) throws Exception {
		BenchmarkRunner.Settings settings = BenchmarkRunner.Settings.smoke(out);
		Report report = new BenchmarkRunner(settings).run();
		for (ServerKind kind : ServerKind.values()) {
			for (Scenario scenario : settings.scenarios()) {
				ScenarioResult result = report.result(kind, scenario.id());
				assertThat(result).as("%s %s", kind, scenario.id()).isNotNull();
				assertThat(result.errors()).as("%s %s: %s", kind, scenario.id(), result.note()).isZero();
				String metric = switch (scenario.type()) {
					case ECHO -> Metric.MESSAGES_PER_SECOND;
					case IDLE -> Metric.CONNECTIONS;
					case STORM -> Metric.HANDSHAKES_PER_SECOND;
				};
				assertThat(result.metric(metric)).as("%s %s %s", kind, scenario.id(), metric).isPositive();
			}
		}
		report.write(out, "smoke");
		assertThat(Files.readString(out.resolve("smoke.md"))).contains("| Netty 4.2 |", "| wsboot engine |",
				"## Goals");
		if (NativeStormClient.findGcc() != null || "true".equalsIgnoreCase(System.getenv("CI"))) {
			// the storm ran on the C client (under CI=true without gcc, the storm's
			// errors above have failed already)
			assertThat(Files.readString(out.resolve("smoke.md")))
				.contains("- Storm client: " + NativeStormClient.DESCRIPTION);
		}
		assertThat(Files.readString(out.resolve("smoke.json"))).startsWith("{").contains("\"ratioToNetty\"");
	}

}
