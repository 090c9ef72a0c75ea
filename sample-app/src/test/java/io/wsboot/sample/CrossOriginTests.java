package io.wsboot.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages on the web port open WebSockets to the engine's port, a different origin (RFC
 * 6455 §10.2): the engine lets in the sample's own pages and answers 403 to a page served
 * from anywhere else.
 */
class CrossOriginTests extends BrowserTestSupport {

	private HttpServer foreign;

	@BeforeEach
	void startForeignSite() throws IOException {
		this.foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.foreign.createContext("/", (exchange) -> {
			byte[] body = foreignPage(wsPort()).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.foreign.start();
	}

	@AfterEach
	void stopForeignSite() {
		this.foreign.stop(0);
	}

	@Test
	@DisplayName("RFC 6455 §10.2: a page from a foreign origin is refused with 403, and the server counts it")
	void pageFromAForeignOriginIsRefusedWith403() {
		String origin = "http://127.0.0.1:" + this.foreign.getAddress().getPort();
		double rejectedBefore = rejected403();
		ChromeDriver browser = this.browsers.open("foreign");
		browser.get(origin + "/");
		await().atMost(BROWSER_TIMEOUT).until(() -> "closed".equals(text(browser, "result")));
		// the browser sees only a failed connection, never the status
		assertThat(attribute(browser, "result", "data-events")).isEqualTo("error close");
		assertThat(attribute(browser, "result", "data-code")).isEqualTo("1006");
		assertThat(this.engine.rejected).anySatisfy((rejection) -> {
			assertThat(rejection.origin()).isEqualTo(origin);
			assertThat(rejection.status()).isEqualTo(403);
		});
		assertThat(this.engine.openedOn("/chat/elsewhere")).isEmpty();
		await().atMost(BROWSER_TIMEOUT).until(() -> rejected403() >= rejectedBefore + 1);
	}

	@Test
	@DisplayName("RFC 6455 §10.2: the sample's own pages are let in under both localhost and 127.0.0.1")
	void ownPagesAreLetInUnderBothHostNames() {
		for (String host : new String[] { "localhost", "127.0.0.1" }) {
			ChromeDriver browser = this.browsers.open(host);
			login(browser, "http://" + host + ":" + HTTP_PORT, "ada");
			browser.get("http://" + host + ":" + HTTP_PORT + "/chat.html");
			browser.findElement(By.id("room")).clear();
			browser.findElement(By.id("room")).sendKeys("origins");
			browser.findElement(By.id("join")).click();
			await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(browser, "state", "data-state")));
		}
		assertThat(this.engine.opened).anySatisfy((session) -> assertThat(session.handshakeRequest().header("Origin"))
			.isEqualTo("http://localhost:" + HTTP_PORT));
	}

	private double rejected403() {
		try {
			JsonNode meter = getJson(page("/actuator/metrics/wsboot.handshakes.rejected?tag=status:403"));
			return meter.get("measurements").get(0).get("value").asDouble();
		}
		catch (AssertionError ex) {
			// 404 until the first rejection registers the meter
			return 0;
		}
	}

	private static String foreignPage(int wsPort) {
		return """
				<!DOCTYPE html>
				<html><head><meta charset="utf-8"><title>elsewhere</title></head>
				<body><p id="result" data-events="">pending</p>
				<script>
				const result = document.getElementById('result');
				const seen = (event) => result.dataset.events = (result.dataset.events + ' ' + event).trim();
				const ws = new WebSocket('ws://127.0.0.1:%d/chat/elsewhere?user=mallory');
				ws.onopen = () => { seen('open'); result.textContent = 'open'; };
				ws.onerror = () => seen('error');
				ws.onclose = (event) => { seen('close'); result.dataset.code = event.code; result.textContent = 'closed'; };
				</script></body></html>
				"""
			.formatted(wsPort);
	}

}
