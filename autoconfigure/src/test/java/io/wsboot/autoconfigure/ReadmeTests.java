package io.wsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README true: every property in the generated configuration metadata is in its
 * properties table, and the two quickstart commands are there.
 */
class ReadmeTests {

	private static final Path README = Path.of("..", "README.md");

	@Test
	void documentsEveryWsbootProperty() throws IOException {
		String readme = Files.readString(README);
		List<String> missing = new ArrayList<>();
		for (String property : wsbootProperties()) {
			if (!readme.contains("| `" + property + "` |")) {
				missing.add(property);
			}
		}
		assertThat(missing).as("properties missing from the README's table").isEmpty();
	}

	@Test
	void showsTheTwoQuickstartCommands() throws IOException {
		assertThat(Files.readString(README)).contains("    ./mvnw -pl sample-app -am spring-boot:run\n")
			.contains("    ./mvnw -B verify\n");
	}

	private List<String> wsbootProperties() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			List<String> names = new ArrayList<>();
			for (JsonNode property : metadata.get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("wsboot.")) {
					names.add(name);
				}
			}
			assertThat(names).hasSizeGreaterThan(30);
			return names;
		}
	}

}
