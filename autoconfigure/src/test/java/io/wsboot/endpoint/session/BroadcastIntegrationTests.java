package io.wsboot.endpoint.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.endpoint.annotation.OnOpen;
import io.wsboot.endpoint.annotation.QueryParam;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broadcasts to many real sessions over loopback: every message is received exactly once,
 * in order, by exactly the sessions it was meant for.
 */
@SpringBootTest(classes = BroadcastIntegrationTests.Config.class, properties = { "wsboot.server.port=0",
		"wsboot.server.address=127.0.0.1", "wsboot.server.max-connections-per-address=2000" })
class BroadcastIntegrationTests {

	private static final int SESSIONS = 1000;

	private static final int MESSAGES = 5;

	@LocalWsPort
	int port;

	@Autowired
	WsSessions sessions;

	private final List<WsTestClient> clients = new ArrayList<>();

	private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2);

	@AfterEach
	void closeClients() {
		this.clients.parallelStream().forEach(WsTestClient::close);
		this.httpExecutor.shutdownNow();
	}

	@Test
	@Timeout(60)
	void everyMessageReachesEachOfAThousandSessionsExactlyOnce() {
		HttpClient http = HttpClient.newBuilder().executor(this.httpExecutor).build();
		List<CompletableFuture<WsTestClient>> connecting = new ArrayList<>();
		for (int i = 0; i < SESSIONS; i++) {
			String group = (i % 2 == 0) ? "even" : "odd";
			connecting.add(WsTestClient.builder()
				.httpClient(http)
				.timeout(Duration.ofSeconds(20))
				.connectAsync(URI.create("ws://127.0.0.1:" + this.port + "/feed?group=" + group)));
		}
		for (CompletableFuture<WsTestClient> future : connecting) {
			WsTestClient client = future.join();
			this.clients.add(client);
			assertThat(client.awaitText()).isEqualTo("joined");
		}
		assertThat(this.sessions.sessions("/feed")).hasSize(SESSIONS);
		assertThat(this.sessions.members("even")).hasSize(SESSIONS / 2);
		for (int k = 0; k < MESSAGES; k++) {
			this.sessions.sendToEndpoint("/feed", "all-" + k).join();
			this.sessions.sendToGroup("even", "even-" + k).join();
		}
		int odd = this.sessions.sendTo((session) -> session.groups().contains("odd"), "odd-only");
		assertThat(odd).isEqualTo(SESSIONS / 2);
		this.sessions.sendToAll("end").join();
		for (int i = 0; i < SESSIONS; i++) {
			List<String> expected = new ArrayList<>();
			for (int k = 0; k < MESSAGES; k++) {
				expected.add("all-" + k);
				if (i % 2 == 0) {
					expected.add("even-" + k);
				}
			}
			if (i % 2 == 1) {
				expected.add("odd-only");
			}
			expected.add("end");
			WsTestClient client = this.clients.get(i);
			List<String> received = new ArrayList<>();
			for (int m = 0; m < expected.size(); m++) {
				received.add(client.awaitText());
			}
			assertThat(received).as("messages of session %d", i).isEqualTo(expected);
		}
		// the end marker came last on every session, so a duplicate would have shown
		// above; one more check on a sample that nothing follows it
		this.clients.get(0).expectNoMessage(Duration.ofMillis(100));
	}

	@WsEndpoint("/feed")
	static class FeedEndpoint {

		@OnOpen
		String open(EndpointSession session, @QueryParam("group") String group) {
			if (group != null) {
				session.join(group);
			}
			return "joined";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, WsAutoConfiguration.class })
	@Import(FeedEndpoint.class)
	static class Config {

	}

}
