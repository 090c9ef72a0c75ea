package io.wsboot.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import static io.wsboot.sample.SampleProcesses.freePorts;
import static io.wsboot.sample.SampleProcesses.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AOT-processed sample jar ({@code spring-boot:process-aot} runs in every build),
 * started with {@code java -Dspring.aot.enabled=true -jar}: the application context comes
 * from the generated initialisation code, not from the annotations, and the chat and
 * {@code /actuator/wsboot} still work. Failsafe runs this after {@code package} and
 * passes the jar's path as {@code wsboot.sample.jar}.
 */
class AotJarIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	@Test
	void aotProcessedJarRunsTheChatAndTheActuatorEndpoint() throws Exception {
		Path jar = Path.of(System.getProperty("wsboot.sample.jar", "target/no-jar-given.jar"));
		assertThat(jar).as("the repackaged sample jar").isRegularFile();
		List<Integer> ports = freePorts(2);
		int httpPort = ports.get(0);
		int wsPort = ports.get(1);
		Path log = Files.createDirectories(Path.of("target", "aot-jar-it")).resolve("sample.log");
		Process process = new ProcessBuilder(java(), "-Dspring.aot.enabled=true", "-jar", jar.toString(),
				"--server.address=127.0.0.1", "--server.port=" + httpPort, "--wsboot.server.address=127.0.0.1",
				"--wsboot.server.port=" + wsPort)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest wsboot = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/wsboot"))
				.timeout(Duration.ofSeconds(5))
				.build();
			await().atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.failFast("the sample application exited; its output is in " + log, () -> !process.isAlive())
				.ignoreExceptions()
				.until(() -> http.send(wsboot, HttpResponse.BodyHandlers.ofString()),
						(response) -> response.statusCode() == 200);
			assertThat(log).content().contains("Starting AOT-processed SampleApplication");
			chatRoundTrip("http://127.0.0.1:" + httpPort, wsPort);
			HttpResponse<String> report = http.send(wsboot, HttpResponse.BodyHandlers.ofString());
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(report.body()).contains("\"running\":true")
				.contains("\"path\":\"/chat/{room}\"")
				.contains("\"bean\":\"chatEndpoint\"")
				.contains("\"path\":\"/echo\"")
				.contains("\"bytesSaved\":{")
				.contains("\"sessions\":{");
		}
		finally {
			process.destroy();
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * Two signed-in members of a room: presence, a JSON message decoded into
	 * {@code ChatMessage} and broadcast as {@code ChatEvent}, and the leave announcement.
	 */
	private static void chatRoundTrip(String base, int wsPort) throws Exception {
		String lobby = "ws://127.0.0.1:" + wsPort + "/chat/lobby";
		// the chat is for signed-in users: each client signs in and brings its token
		try (WsTestClient ada = WsTestClient.builder()
			.header("Authorization", "Bearer " + SampleLogin.wsToken(base, "ada"))
			.connect(lobby)) {
			assertThat(ada.awaitText())
				.isEqualTo("{\"type\":\"join\",\"room\":\"lobby\",\"user\":\"ada\",\"text\":null}");
			assertThat(ada.awaitText()).isEqualTo("{\"type\":\"presence\",\"room\":\"lobby\",\"users\":[\"ada\"]}");
			try (WsTestClient bob = WsTestClient.builder()
				.header("Authorization", "Bearer " + SampleLogin.wsToken(base, "bob"))
				.connect(lobby)) {
				String both = "{\"type\":\"presence\",\"room\":\"lobby\",\"users\":[\"ada\",\"bob\"]}";
				ada.awaitText();
				assertThat(ada.awaitText()).isEqualTo(both);
				bob.awaitText();
				assertThat(bob.awaitText()).isEqualTo(both);
				bob.sendText("{\"text\":\"hi ada, from AOT\"}");
				String message = "{\"type\":\"message\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":\"hi ada, from AOT\"}";
				assertThat(ada.awaitText()).isEqualTo(message);
				assertThat(bob.awaitText()).isEqualTo(message);
			}
			assertThat(ada.awaitText())
				.isEqualTo("{\"type\":\"leave\",\"room\":\"lobby\",\"user\":\"bob\",\"text\":null}");
		}
	}

}
