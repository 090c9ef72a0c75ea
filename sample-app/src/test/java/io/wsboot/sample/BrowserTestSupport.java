package io.wsboot.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real sample application for browser tests: Spring MVC on a port picked before
 * start-up (so that the engine's allowed origins can name it), the engine on a random
 * port, both on 127.0.0.1, and a listener that records what the engine saw. Subclasses
 * share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
@Import(BrowserTestSupport.RecordingConfiguration.class)
abstract class BrowserTestSupport {

	static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(20);

	static final int HTTP_PORT = freePort();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = new JsonMapper();

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Autowired
	Environment environment;

	@Autowired
	WsServerLifecycle lifecycle;

	@Autowired
	RecordingListener engine;

	@Autowired
	WsTokens tokens;

	@DynamicPropertySource
	static void webPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> HTTP_PORT);
		// the pages' own origins, as application.properties does for 8080
		registry.add("wsboot.server.allowed-origins",
				() -> "http://localhost:" + HTTP_PORT + ",http://127.0.0.1:" + HTTP_PORT);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String page(String path) {
		return "http://127.0.0.1:" + HTTP_PORT + path;
	}

	int wsPort() {
		return this.environment.getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
	}

	static JsonNode getJson(String url) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	JsonNode actuatorWsboot() {
		return getJson(page("/actuator/wsboot"));
	}

	/**
	 * Sign in with the form login as a demo user (password {@code wsboot}).
	 * @param driver the browser
	 * @param origin the scheme, host and port of the pages
	 * @param user {@code ada} or {@code bob}
	 */
	static void login(ChromeDriver driver, String origin, String user) {
		driver.get(origin + "/login");
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys("wsboot");
		driver.findElement(By.cssSelector("form button[type=submit]")).click();
		org.awaitility.Awaitility.await()
			.atMost(BROWSER_TIMEOUT)
			.until(() -> !driver.getCurrentUrl().contains("/login"));
	}

	void login(ChromeDriver driver, String user) {
		login(driver, "http://127.0.0.1:" + HTTP_PORT, user);
	}

	static String text(ChromeDriver driver, String id) {
		return driver.findElement(By.id(id)).getText();
	}

	static @Nullable String attribute(ChromeDriver driver, String id, String name) {
		return driver.findElement(By.id(id)).getDomAttribute(name);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RecordingConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

	/**
	 * Records the sessions the engine opened and the handshakes it rejected.
	 */
	static final class RecordingListener implements WsServerListener {

		final List<WsSession> opened = new CopyOnWriteArrayList<>();

		final List<Rejection> rejected = new CopyOnWriteArrayList<>();

		@Override
		public void sessionOpened(WsSession session) {
			this.opened.add(session);
		}

		@Override
		public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
			this.rejected.add(new Rejection((request != null) ? request.header("Origin") : null, rejection.httpStatus(),
					rejection.getMessage()));
		}

		List<WsSession> openedOn(String path) {
			return this.opened.stream().filter((session) -> session.path().equals(path)).toList();
		}

	}

	record Rejection(@Nullable String origin, int status, String reason) {

	}

}
