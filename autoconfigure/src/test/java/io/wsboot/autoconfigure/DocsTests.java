package io.wsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wsboot.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsboot.autoconfigure.metrics.WsMetricsAutoConfiguration;
import io.wsboot.autoconfigure.streams.WsStreamsAutoConfiguration;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsSession;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Keeps the README and the pages under {@code docs/} true: the properties and meters they
 * list are the ones wsboot has, the README is a short front door that links every page,
 * each RFC section is mapped in one place, and their imports and links resolve.
 */
class DocsTests {

	private static final Path ROOT = Path.of("..");

	private static final Path README = ROOT.resolve("README.md");

	private static final Path DOCS = ROOT.resolve("docs");

	private static final Pattern RFC_SECTION = Pattern.compile("RFC (6455|7692) §(\\d+(?:\\.\\d+)*)");

	@Nested
	@DisplayName("README.md")
	class Readme {

		@Test
		void isAFrontDoorOfAtMost250Lines() throws IOException {
			assertThat(Files.readAllLines(README)).hasSizeLessThanOrEqualTo(250);
		}

		@Test
		void showsTheTwoQuickstartCommands() throws IOException {
			assertThat(Files.readString(README)).contains("    ./mvnw -pl sample-app -am spring-boot:run\n")
				.contains("    ./mvnw -B verify\n");
		}

		@Test
		void linksEveryDocsPage() throws IOException {
			String readme = Files.readString(README);
			assertThat(docsPages()).isNotEmpty()
				.allSatisfy((page) -> assertThat(readme).contains("](docs/" + page.getFileName() + ")"));
		}

	}

	@Nested
	@DisplayName("docs/configuration.md")
	class Properties {

		@Test
		void tableListsExactlyThePropertiesOfTheMetadataWithTheirDefaults() throws IOException {
			Map<String, String> metadata = wsbootProperties();
			Map<String, List<String>> table = tableRows(DOCS.resolve("configuration.md"), "| `wsboot.");
			assertThat(table.keySet()).as("properties in docs/configuration.md")
				.containsExactlyInAnyOrderElementsOf(metadata.keySet());
			metadata.forEach((property, defaultValue) -> {
				if (defaultValue != null) {
					assertThat(unquote(table.get(property).get(1))).as("default of " + property)
						.isEqualTo(defaultValue);
				}
			});
		}

		private Map<String, String> wsbootProperties() throws IOException {
			try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
				assertThat(in).as("generated configuration metadata").isNotNull();
				JsonNode metadata = JsonMapper.builder().build().readTree(in);
				Map<String, String> properties = new TreeMap<>();
				for (JsonNode property : metadata.get("properties")) {
					String name = property.get("name").asString();
					if (name.startsWith("wsboot.")) {
						JsonNode defaultValue = property.get("defaultValue");
						properties.put(name, (defaultValue != null) ? asText(defaultValue) : null);
					}
				}
				assertThat(properties).hasSizeGreaterThan(30);
				return properties;
			}
		}

	}

	@Nested
	@DisplayName("docs/metrics.md")
	class Meters {

		private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, JacksonAutoConfiguration.class,
					DataRedisAutoConfiguration.class, WsAutoConfiguration.class, WsMetricsAutoConfiguration.class,
					WsClusterAutoConfiguration.class, WsStreamsAutoConfiguration.class))
			.withUserConfiguration(EchoConfiguration.class)
			.withPropertyValues("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
					// the cluster's meters too, with Redis on a closed port: the node
					// starts local-only
					"wsboot.cluster.enabled=true", "wsboot.cluster.fail-fast=false",
					"spring.data.redis.port=" + closedPort(), "spring.data.redis.timeout=1s");

		@Test
		void tableListsExactlyTheMetersOfARunningServerWithTheirTagsAndPrometheusNames() {
			this.contextRunner.run((context) -> {
				int port = context.getBean(WsServerLifecycle.class).getServer().port();
				exchangeAndCloseOneSession(port);
				SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
				PrometheusMeterRegistry prometheus = context.getBean(PrometheusMeterRegistry.class);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> registry.find("wsboot.connections.closed").counter() != null
							&& registry.find("wsboot.handshakes.rejected").counter() != null);
				Map<String, List<String>> table = tableRows(DOCS.resolve("metrics.md"), "| `wsboot.");
				Map<String, Set<String>> registered = registeredMeters(registry);
				assertThat(table.keySet()).as("meters in docs/metrics.md")
					.containsExactlyInAnyOrderElementsOf(registered.keySet());
				for (Meter meter : registry.getMeters()) {
					String name = meter.getId().getName();
					String type = table.get(name).get(1);
					String unit = meter.getId().getBaseUnit();
					assertThat(type).as("type of " + name)
						.isEqualTo(meter.getId().getType().name().toLowerCase(Locale.ROOT)
								+ ((unit != null) ? ", " + unit : ""));
				}
				registered.forEach((name, tags) -> assertThat(backticked(table.get(name).get(2))).as("tags of " + name)
					.containsExactlyInAnyOrderElementsOf(tags));
				Set<String> scraped = scrapedNames(prometheus);
				List<String> documented = table.values().stream().map((row) -> unquote(row.get(3))).toList();
				assertThat(documented).allSatisfy(
						(name) -> assertThat(scraped).as("Prometheus names").containsAnyOf(name, name + "_count"));
				assertThat(scraped).allSatisfy((name) -> {
					assertThat(documented).as("Prometheus names in docs/metrics.md")
						.containsAnyOf(name, name.replaceFirst("_(count|sum|max|bucket)$", ""));
					List<String> words = List.of(name.split("_"));
					assertThat(Collections.frequency(words, "bytes")).as(name).isLessThanOrEqualTo(1);
					assertThat(Collections.frequency(words, "seconds")).as(name).isLessThanOrEqualTo(1);
				});
			});
		}

		private void exchangeAndCloseOneSession(int port) throws Exception {
			try (WsTestClient client = WsTestClient.connect("ws://127.0.0.1:" + port + "/echo")) {
				assertThat(client.sendText("hello").awaitText()).isEqualTo("hello");
			}
			assertThatExceptionOfType(WsTestClient.HandshakeRejectedException.class)
				.isThrownBy(() -> WsTestClient.connect("ws://127.0.0.1:" + port + "/nowhere"));
		}

		private Map<String, Set<String>> registeredMeters(MeterRegistry registry) {
			Map<String, Set<String>> meters = new TreeMap<>();
			for (Meter meter : registry.getMeters()) {
				Set<String> tags = meters.computeIfAbsent(meter.getId().getName(), (name) -> new TreeSet<>());
				meter.getId().getTags().forEach((tag) -> tags.add(tag.getKey()));
			}
			return meters;
		}

		private Set<String> scrapedNames(PrometheusMeterRegistry prometheus) {
			Set<String> names = new TreeSet<>();
			Matcher sample = Pattern.compile("^(wsboot_[a-z_]+)[{ ]", Pattern.MULTILINE).matcher(prometheus.scrape());
			while (sample.find()) {
				names.add(sample.group(1));
			}
			return names;
		}

	}

	@Nested
	@DisplayName("docs/engine.md: where each RFC section is implemented")
	class RfcMap {

		@Test
		void everySectionTheEngineCitesHasARow() throws IOException {
			Set<String> cited = new TreeSet<>();
			try (Stream<Path> sources = Files.walk(ROOT.resolve("engine/src/main/java"))) {
				for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
					cited.addAll(rfcSections(Files.readString(source)));
				}
			}
			assertThat(cited).hasSizeGreaterThan(30);
			assertThat(tableRows(DOCS.resolve("engine.md"), "| RFC ").keySet()).containsAll(cited);
		}

		@Test
		void eachSectionIsNamedOnOneLineOfTheDocs() throws IOException {
			Map<String, List<String>> places = new TreeMap<>();
			for (Path page : docsPages()) {
				List<String> lines = Files.readAllLines(page);
				for (int i = 0; i < lines.size(); i++) {
					for (String section : new TreeSet<>(rfcSections(lines.get(i)))) {
						places.computeIfAbsent(section, (key) -> new ArrayList<>())
							.add(page.getFileName() + ":" + (i + 1));
					}
				}
			}
			assertThat(places).isNotEmpty()
				.allSatisfy((section, where) -> assertThat(where).as(section).hasSize(1))
				.allSatisfy((section, where) -> assertThat(where.get(0)).as(section).startsWith("engine.md:"));
		}

		private List<String> rfcSections(String text) {
			List<String> sections = new ArrayList<>();
			Matcher matcher = RFC_SECTION.matcher(text);
			while (matcher.find()) {
				sections.add(matcher.group());
			}
			return sections;
		}

	}

	@Nested
	@DisplayName("snippets and links")
	class SnippetsAndLinks {

		private static final Pattern WSBOOT_IMPORT = Pattern.compile("^import (io\\.wsboot\\.[\\w.]+);$",
				Pattern.MULTILINE);

		private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

		@Test
		void everyWsbootImportNamesAClass() throws IOException {
			List<String> imports = new ArrayList<>();
			for (Path page : pages()) {
				Matcher matcher = WSBOOT_IMPORT.matcher(Files.readString(page));
				while (matcher.find()) {
					imports.add(matcher.group(1));
				}
			}
			assertThat(imports).hasSizeGreaterThan(10).allSatisfy((name) -> assertThat(loads(name)).as(name).isTrue());
		}

		@Test
		void everyRelativeLinkLandsOnAFileAndHeading() throws IOException {
			List<String> broken = new ArrayList<>();
			for (Path page : pages()) {
				Matcher matcher = LINK.matcher(Files.readString(page));
				while (matcher.find()) {
					String link = matcher.group(1);
					if (link.startsWith("http://") || link.startsWith("https://")) {
						continue;
					}
					String[] parts = link.split("#", 2);
					Path target = parts[0].isEmpty() ? page : page.resolveSibling(parts[0]).normalize();
					if (!Files.exists(target)) {
						broken.add(page.getFileName() + ": " + link);
					}
					else if (parts.length == 2 && !anchors(target).contains(parts[1])) {
						broken.add(page.getFileName() + ": " + link + " (no such heading)");
					}
				}
			}
			assertThat(broken).isEmpty();
		}

		private boolean loads(String className) {
			try {
				Class.forName(className, false, getClass().getClassLoader());
				return true;
			}
			catch (ClassNotFoundException ex) {
				return false;
			}
		}

		/**
		 * The anchors GitHub gives a page's headings: lower case, punctuation dropped,
		 * spaces as hyphens.
		 */
		private Set<String> anchors(Path page) throws IOException {
			Set<String> anchors = new TreeSet<>();
			boolean fenced = false;
			for (String line : Files.readAllLines(page)) {
				if (line.startsWith("```")) {
					fenced = !fenced;
				}
				else if (!fenced && line.startsWith("#")) {
					String heading = line.replaceFirst("^#+\\s+", "").toLowerCase(Locale.ROOT);
					anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
				}
			}
			return anchors;
		}

		private List<Path> pages() throws IOException {
			List<Path> pages = new ArrayList<>(docsPages());
			pages.add(README);
			return pages;
		}

	}

	/**
	 * A default as the table shows it: a list's values joined by commas.
	 */
	private static String asText(JsonNode defaultValue) {
		if (!defaultValue.isArray()) {
			return defaultValue.asString();
		}
		List<String> values = new ArrayList<>();
		defaultValue.forEach((value) -> values.add(value.asString()));
		return String.join(", ", values);
	}

	private static List<Path> docsPages() throws IOException {
		try (Stream<Path> pages = Files.list(DOCS)) {
			return pages.filter((page) -> page.toString().endsWith(".md")).sorted().toList();
		}
	}

	/**
	 * The rows of a page's table whose lines start with a prefix, by their first cell
	 * without its backticks, each as its list of cells.
	 */
	private static Map<String, List<String>> tableRows(Path page, String prefix) throws IOException {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith(prefix)) {
				List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|"))
					.map(String::strip)
					.toList();
				assertThat(rows.put(unquote(cells.get(0)), cells)).as("row of " + cells.get(0)).isNull();
			}
		}
		return rows;
	}

	private static String unquote(String cell) {
		return (cell.startsWith("`") && cell.endsWith("`")) ? cell.substring(1, cell.length() - 1) : cell;
	}

	private static List<String> backticked(String cell) {
		List<String> values = new ArrayList<>();
		Matcher matcher = Pattern.compile("`([^`]+)`").matcher(cell);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoConfiguration {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		PrometheusMeterRegistry prometheusMeterRegistry() {
			return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		}

		@Bean
		Endpoint echoEndpoint() {
			return Endpoint.of("/echo", new WsHandler() {

				@Override
				public void onText(WsSession session, String text) {
					session.sendText(text);
				}

			});
		}

	}

}
