package io.wsboot.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in to a running sample over HTTP, as the chat page's user would, and fetches a
 * WebSocket token from {@code GET /api/ws-token}: for the tests that start the jar.
 */
final class SampleLogin {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

	private SampleLogin() {
	}

	/**
	 * Sign in as a demo user and return a token for the WebSocket upgrade.
	 * @param base the pages' scheme, host and port
	 * @param user {@code ada} or {@code bob} (password {@code wsboot})
	 * @return the token
	 */
	static String wsToken(String base, String user) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		HttpResponse<String> login = http.send(
				HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(login.body());
		assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
		String form = "username=" + user + "&password=wsboot&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.timeout(Duration.ofSeconds(5))
			.build(), HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> token = http.send(
				HttpRequest.newBuilder(URI.create(base + "/api/ws-token")).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).isEqualTo(200);
		Matcher value = TOKEN.matcher(token.body());
		assertThat(value.find()).as("the token in " + token.body()).isTrue();
		return value.group(1);
	}

}
