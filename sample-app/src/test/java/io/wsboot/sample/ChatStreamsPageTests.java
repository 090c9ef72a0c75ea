package io.wsboot.sample;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page's messages over the streams endpoint in real headless Chromium: a
 * connection dropped by the server while another user writes comes back by itself and
 * shows what it missed exactly once; a reload shows the recent history once.
 */
class ChatStreamsPageTests extends BrowserTestSupport {

	@Test
	@DisplayName("dropped from the server side while another user writes 5 messages: shows the 5 exactly once, also after a reload")
	void resumesAfterTheServerDroppedTheConnectionAndAfterAReload() {
		ChromeDriver ada = this.browsers.open("ada");
		login(ada, "ada");
		int streamsBefore = this.engine.openedOn("/streams").size();
		join(ada, "ada", "resume");
		await().atMost(BROWSER_TIMEOUT).until(() -> this.engine.openedOn("/streams").size() == streamsBefore + 1);
		ChromeDriver bob = this.browsers.open("bob");
		login(bob, "bob");
		join(bob, "bob", "resume");
		await().atMost(BROWSER_TIMEOUT).until(() -> this.engine.openedOn("/streams").size() == streamsBefore + 2);
		WsSession bobStreams = this.engine.openedOn("/streams").get(streamsBefore + 1);
		send(ada, "before the drop");
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(bob).contains("ada: before the drop"));

		assertThat(bobStreams.isOpen())
			.as("%s", this.engine.openedOn("/streams").stream().map((s) -> s.id() + ":" + s.isOpen()).toList())
			.isTrue();
		// what POST /actuator/wsboot/{id} does (the sample keeps that operation
		// read-only)
		bobStreams.close(new CloseStatus(4000, "dropped by the test"));
		await().atMost(BROWSER_TIMEOUT).until(() -> !bobStreams.isOpen());
		List<String> expected = new ArrayList<>(List.of("ada: before the drop"));
		for (int i = 1; i <= 5; i++) {
			send(ada, "while away " + i);
			expected.add("ada: while away " + i);
		}
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(bob).size() >= expected.size());
		// the page reconnected by itself and resumed from its last offset
		assertThat(this.engine.openedOn("/streams")).hasSizeGreaterThanOrEqualTo(streamsBefore + 3);
		assertThat(messages(bob)).containsExactlyElementsOf(expected);
		assertThat(offsets(bob)).doesNotHaveDuplicates();
		assertThat(messages(ada)).containsExactlyElementsOf(expected);

		bob.navigate().refresh();
		join(bob, "bob", "resume");
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(bob).size() >= expected.size());
		assertThat(messages(bob)).containsExactlyElementsOf(expected);
		assertThat(offsets(bob)).doesNotHaveDuplicates();
		send(ada, "after the reload");
		expected.add("ada: after the reload");
		await().atMost(BROWSER_TIMEOUT).until(() -> messages(bob).size() >= expected.size());
		assertThat(messages(bob)).containsExactlyElementsOf(expected);
	}

	private void join(ChromeDriver driver, String name, String room) {
		// the page shows the signed-in user, from the token it fetched
		driver.get(page("/chat.html"));
		await().atMost(BROWSER_TIMEOUT)
			.until(() -> name.equals(driver.findElement(By.id("name")).getDomProperty("value")));
		WebElement roomField = driver.findElement(By.id("room"));
		roomField.clear();
		roomField.sendKeys(room);
		driver.findElement(By.id("join")).click();
		await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(driver, "state", "data-state")));
		await().atMost(BROWSER_TIMEOUT).until(() -> "open".equals(attribute(driver, "messages", "data-stream-state")));
	}

	private static void send(ChromeDriver driver, String text) {
		driver.findElement(By.id("text")).sendKeys(text);
		driver.findElement(By.id("send")).click();
	}

	private static List<String> messages(ChromeDriver driver) {
		return driver.findElements(By.cssSelector("#messages li[data-type='message']"))
			.stream()
			.map((item) -> item.findElement(By.className("user")).getText() + ": "
					+ item.findElement(By.className("text")).getText())
			.toList();
	}

	private static List<String> offsets(ChromeDriver driver) {
		return driver.findElements(By.cssSelector("#messages li[data-type='message']"))
			.stream()
			.map((item) -> item.getDomAttribute("data-offset"))
			.toList();
	}

}
