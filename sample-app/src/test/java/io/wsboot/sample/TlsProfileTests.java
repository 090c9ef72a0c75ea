package io.wsboot.sample;

import java.time.Duration;
import java.util.List;

import io.wsboot.engine.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code tls} profile in real headless Chromium: the pages over HTTPS and the chat
 * over {@code wss://}, both with the development-only certificate of
 * {@code tls/sample-keystore.p12}, which the browser is told to accept.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "server.address=127.0.0.1", "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
@ActiveProfiles("tls")
@Import(BrowserTestSupport.RecordingConfiguration.class)
class TlsProfileTests {

	private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(20);

	private static final int HTTPS_PORT = BrowserTestSupport.freePort();

	@RegisterExtension
	final Browsers browsers = new Browsers().withArguments("--ignore-certificate-errors");

	@Autowired
	BrowserTestSupport.RecordingListener engine;

	@DynamicPropertySource
	static void webPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> HTTPS_PORT);
		registry.add("wsboot.server.allowed-origins",
				() -> "https://localhost:" + HTTPS_PORT + ",https://127.0.0.1:" + HTTPS_PORT);
	}

	@Test
	@DisplayName("with the tls profile the same page reads wss from /config.json and chats over TLS")
	void chatsOverWss() {
		ChromeDriver browser = this.browsers.open("tls");
		BrowserTestSupport.login(browser, "https://127.0.0.1:" + HTTPS_PORT, "ada");
		browser.get("https://127.0.0.1:" + HTTPS_PORT + "/chat.html");
		browser.findElement(By.id("room")).clear();
		browser.findElement(By.id("room")).sendKeys("secure");
		browser.findElement(By.id("join")).click();
		await().atMost(BROWSER_TIMEOUT)
			.until(() -> "open".equals(browser.findElement(By.id("state")).getDomAttribute("data-state")));
		assertThat(browser.findElement(By.id("meta")).getText()).startsWith("wss://127.0.0.1:");
		browser.findElement(By.id("text")).sendKeys("over TLS");
		browser.findElement(By.id("send")).click();
		await().atMost(BROWSER_TIMEOUT)
			.until(() -> browser.findElements(By.cssSelector("#messages li[data-type='message'] .text"))
				.stream()
				.anyMatch((text) -> text.getText().equals("over TLS")));
		List<WsSession> sessions = this.engine.openedOn("/chat/secure");
		assertThat(sessions).singleElement().satisfies((session) -> {
			assertThat(session.tlsProtocol()).isEqualTo("TLSv1.3");
			assertThat(session.handshakeRequest().header("Origin")).isEqualTo("https://127.0.0.1:" + HTTPS_PORT);
		});
	}

}
