package io.wsboot.sample;

import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page in real headless Chromium, against the real
 * {@code /actuator/wsboot}.
 */
class DashboardPageTests extends BrowserTestSupport {

	private static final int BURSTS = 3;

	private static final int MESSAGES_PER_BURST = 10;

	@Test
	@DisplayName("the dashboard shows live connections and a bytes-saved figure that matches /actuator/wsboot")
	void showsTheBytesSavedOfTheActuatorEndpoint() {
		ChromeDriver browser = this.browsers.open("dashboard");
		browser.get(page("/dashboard.html"));
		await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(browser, "state", "data-state")));
		try (WsTestClient bot = WsTestClient.builder()
			.header("Authorization", "Bearer " + this.tokens.issue("bot"))
			.connect("ws://127.0.0.1:" + wsPort() + "/chat/dashboard")) {
			bot.awaitText();
			bot.awaitText();
			await().atMost(BROWSER_TIMEOUT).until(() -> "1".equals(activeSessions(browser, "/chat/{room}")));
			// a few bursts, each seen by a refresh, so that the chart has something to
			// draw
			for (int burst = 0; burst < BURSTS; burst++) {
				for (int i = 0; i < MESSAGES_PER_BURST; i++) {
					bot.sendText("{\"text\":\"message " + i + " of burst " + burst + "\"}");
					bot.awaitText();
				}
				long messages = actuatorWsboot().get("totals").get("messagesOut").asLong();
				await().atMost(BROWSER_TIMEOUT)
					.until(() -> Long.parseLong(text(browser, "messages-out").replace(",", "")) >= messages);
			}
			assertThat(text(browser, "rate")).matches("\\d+\\.\\d");
		}
		// once every session is closed the totals stand still, and the page must show the
		// endpoint's figures exactly
		await().atMost(BROWSER_TIMEOUT).untilAsserted(() -> {
			JsonNode bytesSaved = actuatorWsboot().get("bytesSaved");
			assertThat(bytesSaved.get("savedBytes").asLong()).isPositive();
			assertThat(attribute(browser, "saved", "data-bytes")).isEqualTo(bytesSaved.get("savedBytes").asString());
			assertThat(attribute(browser, "polling", "data-bytes"))
				.isEqualTo(bytesSaved.get("httpEquivalentBytes").asString());
			assertThat(attribute(browser, "actual", "data-bytes")).isEqualTo(bytesSaved.get("actualBytes").asString());
			assertThat(activeSessions(browser, "/chat/{room}")).isEqualTo("0");
		});
		JsonNode bytesSaved = actuatorWsboot().get("bytesSaved");
		assertThat(text(browser, "ratio"))
			.isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %%", bytesSaved.get("savedRatio").asDouble() * 100));
		Browsers.screenshot(browser, "dashboard.png");
	}

	@Test
	@DisplayName("compression that grew small messages is shown as growth, never as a negative saving")
	void compressionThatGrewIsShownAsGrowth() {
		ChromeDriver browser = this.browsers.open("dashboard-compression");
		browser.get(page("/dashboard.html"));
		await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(browser, "state", "data-state")));
		// the following refreshes read the real report with the compression saving of a
		// few tiny compressed messages, which deflate makes larger
		browser.executeScript("""
				const real = window.fetch.bind(window);
				window.fetch = async (url, options) => {
					const report = await (await real(url, options)).json();
					report.bytesSaved.compressionSavedBytes = -42;
					return new Response(JSON.stringify(report), { headers: { 'Content-Type': 'application/json' } });
				};
				""");
		await().atMost(BROWSER_TIMEOUT).until(() -> "-42".equals(attribute(browser, "compression", "data-bytes")));
		assertThat(text(browser, "compression")).isEqualTo("42 B");
		assertThat(text(browser, "compression-verb")).isEqualTo("Compression grew these small messages by");
	}

	// read in the page in one go: the rows are replaced on every refresh
	private static String activeSessions(ChromeDriver browser, String path) {
		Object active = browser.executeScript(
				"""
						const row = [...document.querySelectorAll('#endpoints tr')].find((tr) => tr.dataset.path === arguments[0]);
						return row ? row.cells[2].textContent : '';
						""",
				path);
		return String.valueOf(active);
	}

}
