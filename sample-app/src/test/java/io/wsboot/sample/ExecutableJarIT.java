package io.wsboot.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;

import static io.wsboot.sample.SampleProcesses.freePorts;
import static io.wsboot.sample.SampleProcesses.java;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The repackaged sample jar, started with {@code java -jar} as a user would start it: it
 * serves the chat page on the web port and echoes on the wsboot port. Failsafe runs this
 * after {@code package} and passes the jar's path as {@code wsboot.sample.jar}.
 */
class ExecutableJarIT {

	// generous: on a loaded shared machine the jar once took 94 s to start
	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	@Test
	void javaDashJarServesTheChatPageAndEchoes() throws Exception {
		Path jar = Path.of(System.getProperty("wsboot.sample.jar", "target/no-jar-given.jar"));
		assertThat(jar).as("the repackaged sample jar").isRegularFile();
		List<Integer> ports = freePorts(2);
		int httpPort = ports.get(0);
		int wsPort = ports.get(1);
		Path log = Files.createDirectories(Path.of("target", "executable-jar-it")).resolve("sample.log");
		Process process = new ProcessBuilder(java(), "-jar", jar.toString(), "--server.address=127.0.0.1",
				"--server.port=" + httpPort, "--wsboot.server.address=127.0.0.1", "--wsboot.server.port=" + wsPort)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpClient http = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
			String base = "http://127.0.0.1:" + httpPort;
			HttpRequest loginPage = HttpRequest.newBuilder(URI.create(base + "/login"))
				.timeout(Duration.ofSeconds(5))
				.build();
			HttpResponse<String> login = await().atMost(START_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.failFast("the sample application exited; its output is in " + log, () -> !process.isAlive())
				.ignoreExceptions()
				.until(() -> http.send(loginPage, HttpResponse.BodyHandlers.ofString()),
						(response) -> response.statusCode() == 200);
			// the chat page is behind the form login (demo user ada, password wsboot)
			Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
			assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
			String form = "username=ada&password=wsboot&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.discarding());
			HttpResponse<String> page = http.send(
					HttpRequest.newBuilder(URI.create(base + "/chat.html")).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<title>wsboot chat</title>");
			try (WsTestClient client = WsTestClient.connect("ws://127.0.0.1:" + wsPort + "/echo")) {
				client.sendText("hello from java -jar");
				assertThat(client.awaitText()).isEqualTo("hello from java -jar");
			}
		}
		finally {
			process.destroy();
			if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

}
