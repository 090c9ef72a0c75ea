package io.wsboot.autoconfigure.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard ({@code dashboards/wsboot.json}) never shows a negative
 * compression saving: messages too small to gain from deflate grow, and count as 0 saved.
 */
class GrafanaDashboardTests {

	@Test
	void compressionSavingIsNeverNegative() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("..", "dashboards", "wsboot.json")));
		List<String> compression = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			JsonNode targets = panel.get("targets");
			if (targets == null) {
				continue;
			}
			for (JsonNode target : targets) {
				String expr = target.path("expr").asString("");
				if (expr.contains("wsboot_traffic_message_bytes_total")
						&& expr.contains("wsboot_traffic_payload_bytes_total")) {
					compression.add(expr);
				}
			}
		}
		assertThat(compression).isNotEmpty()
			.allSatisfy((expr) -> assertThat(expr).startsWith("clamp_min(").endsWith(", 0)"));
	}

}
