package io.wsboot.sample;

import java.util.List;

import io.wsboot.engine.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page in real headless Chromium after the form login: two browsers signed in as
 * different users in one room, presence, the token carried as a subprotocol entry,
 * permessage-deflate, and reconnecting after a server restart.
 */
class ChatPageTests extends BrowserTestSupport {

	@Test
	@DisplayName("two browsers join one room, see each other and exchange messages both ways")
	void twoBrowsersTalkBothWaysInOneRoom() {
		ChromeDriver ada = this.browsers.open("ada");
		join(ada, "ada", "talk");
		ChromeDriver bob = this.browsers.open("bob");
		join(bob, "bob", "talk");
		await().atMost(BROWSER_TIMEOUT).untilAsserted(() -> {
			assertThat(users(ada)).containsExactly("ada", "bob");
			assertThat(users(bob)).containsExactly("ada", "bob");
		});

		send(ada, "hello bob");
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(bob).contains("ada: hello bob"));
		send(bob, "hi ada ✓ <b>not bold</b>");
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(ada).contains("bob: hi ada ✓ <b>not bold</b>"));
		assertThat(messages(ada)).containsExactly("ada: hello bob", "bob: hi ada ✓ <b>not bold</b>");
		assertThat(messages(bob)).containsExactly("ada: hello bob", "bob: hi ada ✓ <b>not bold</b>");
		// the authors are the signed-in users: the sessions' principals
		assertThat(this.engine.openedOn("/chat/talk")).allSatisfy((session) -> {
			assertThat(session.subprotocol()).isEqualTo("chat");
			assertThat(session.handshakeRequest().header("Sec-WebSocket-Protocol")).startsWith("wsboot.bearer.");
		});
		Browsers.screenshot(ada, "chat.png");

		bob.findElement(By.id("leave")).click();
		await().atMost(BROWSER_TIMEOUT).until(() -> users(ada).equals(List.of("ada")));
	}

	@Test
	@DisplayName("Chromium negotiates permessage-deflate (RFC 7692), seen by the page and by the server")
	void chromiumNegotiatesPerMessageDeflate() {
		ChromeDriver ada = this.browsers.open("ada");
		join(ada, "ada", "deflate");
		await().atMost(BROWSER_TIMEOUT)
			.untilAsserted(
					() -> assertThat(attribute(ada, "meta", "data-extensions")).startsWith("permessage-deflate"));
		List<WsSession> sessions = this.engine.openedOn("/chat/deflate");
		assertThat(sessions).hasSize(1);
		assertThat(sessions.get(0).extensions()).singleElement().asString().startsWith("permessage-deflate");
		assertThat(sessions.get(0).handshakeRequest().header("Sec-WebSocket-Extensions"))
			.contains("permessage-deflate");
	}

	@Test
	@DisplayName("the page shows the connection state and reconnects with back-off when the server restarts")
	void reconnectsAfterTheServerRestarts() {
		ChromeDriver ada = this.browsers.open("ada");
		join(ada, "ada", "restart");
		this.lifecycle.stop();
		try {
			// the server closed with 1001, and connecting fails while it is down
			await().atMost(BROWSER_TIMEOUT).until(() -> "reconnecting".equals(attribute(ada, "state", "data-state")));
			assertThat(text(ada, "state")).startsWith("reconnecting in ");
			assertThat(messages(ada, "notice")).anySatisfy((notice) -> assertThat(notice).contains("(1001"));
		}
		finally {
			this.lifecycle.start();
		}
		await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(ada, "state", "data-state")));
		await().atMost(BROWSER_TIMEOUT).until(() -> users(ada).equals(List.of("ada")));
		send(ada, "back again");
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(ada).contains("ada: back again"));
	}

	private void join(ChromeDriver driver, String name, String room) {
		login(driver, name);
		driver.get(page("/chat.html"));
		await().atMost(BROWSER_TIMEOUT)
			.until(() -> name.equals(driver.findElement(By.id("name")).getDomProperty("value")));
		WebElement roomField = driver.findElement(By.id("room"));
		roomField.clear();
		roomField.sendKeys(room);
		driver.findElement(By.id("join")).click();
		await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(driver, "state", "data-state")));
		assertThat(text(driver, "state")).isEqualTo("connected");
		// the response's Sec-WebSocket-Protocol, as the browser saw it: never the token
		assertThat(attribute(driver, "meta", "data-protocol")).isEqualTo("chat");
	}

	private static void send(ChromeDriver driver, String text) {
		driver.findElement(By.id("text")).sendKeys(text);
		driver.findElement(By.id("send")).click();
	}

	// read in the page in one go: each presence event replaces the list
	@SuppressWarnings("unchecked")
	private static List<String> users(ChromeDriver driver) {
		return (List<String>) driver
			.executeScript("return [...document.querySelectorAll('#users li')].map((li) => li.textContent);");
	}

	private static List<String> messages(ChromeDriver driver) {
		return driver.findElements(By.cssSelector("#messages li[data-type='message']"))
			.stream()
			.map((item) -> item.findElement(By.className("user")).getText() + ": "
					+ item.findElement(By.className("text")).getText())
			.toList();
	}

	private static List<String> messages(ChromeDriver driver, String type) {
		return driver.findElements(By.cssSelector("#messages li[data-type='" + type + "']"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
