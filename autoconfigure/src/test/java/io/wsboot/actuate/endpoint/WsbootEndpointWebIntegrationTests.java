package io.wsboot.actuate.endpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import io.wsboot.test.LocalWsPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code wsboot} actuator endpoint, the health indicator and the Prometheus scrape,
 * over HTTP against a started application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=health,wsboot,prometheus",
				"management.endpoint.wsboot.access=unrestricted", "management.endpoint.health.show-details=always",
				// the Redis client on the test class path brings a Redis health
				// indicator;
				// this test is about wsboot's, with or without a Redis on this machine
				"management.health.redis.enabled=false" })
class WsbootEndpointWebIntegrationTests {

	private static final String CHAT = "/chat/{room}";

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<RawWsClient> clients = new ArrayList<>();

	@LocalServerPort
	private int httpPort;

	@LocalWsPort
	private int wsPort;

	@AfterEach
	void closeClients() throws IOException {
		for (RawWsClient client : this.clients) {
			client.close();
		}
	}

	private RawWsClient connect(String path) throws IOException {
		RawWsClient client = RawWsClient.connect(this.wsPort);
		this.clients.add(client);
		client.upgrade(path);
		return client;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private DocumentContext wsboot(String query) throws Exception {
		HttpResponse<String> response = get("/actuator/wsboot" + query);
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private String sessionId(String room) throws Exception {
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			List<String> endpoints = wsboot("?limit=1000").read("$.sessions.items[*].endpoint");
			return !endpoints.isEmpty();
		});
		List<String> ids = wsboot("?limit=1000").read("$.sessions.items[*].id");
		return ids.get(ids.size() - 1);
	}

	@Nested
	@DisplayName("GET /actuator/wsboot")
	class Read {

		@Test
		void describesTheServerEndpointsTotalsAndSessions() throws Exception {
			RawWsClient client = connect("/chat/lobby");
			client.send(ClientFrames.text("hello"));
			assertThat(client.readFrame().text()).isEqualTo("hello");
			await().atMost(Duration.ofSeconds(5)).until(() -> wsboot("").<Integer>read("$.totals.messagesOut") >= 1);
			DocumentContext json = wsboot("");
			assertThat(json.<Boolean>read("$.server.running")).isTrue();
			assertThat(json.<Boolean>read("$.server.healthy")).isTrue();
			assertThat(json.<Integer>read("$.server.port")).isEqualTo(WsbootEndpointWebIntegrationTests.this.wsPort);
			assertThat(json.<Boolean>read("$.server.tls")).isFalse();
			assertThat(json.<String>read("$.server.uptime")).startsWith("PT");
			assertThat(json.<String>read("$.endpoints[0].path")).isEqualTo(CHAT);
			assertThat(json.<String>read("$.endpoints[0].bean")).isEqualTo("chatEndpoint");
			assertThat(json.<List<String>>read("$.endpoints[0].subprotocols")).containsExactly("chat.v1");
			assertThat(json.<Integer>read("$.endpoints[0].activeSessions")).isGreaterThanOrEqualTo(1);
			assertThat(json.<Integer>read("$.sessions.total")).isGreaterThanOrEqualTo(1);
			assertThat(json.<String>read("$.sessions.items[0].endpoint")).isEqualTo(CHAT);
			assertThat(json.<String>read("$.sessions.items[0].remoteAddress")).startsWith("127.0.0.1:");
			// null values are left out
			assertThat(json.<Map<String, Object>>read("$.sessions.items[0]")).doesNotContainKey("tlsProtocol")
				.containsKeys("id", "openedAt", "age", "wireBytesIn", "wireBytesOut", "savedBytes");
			assertThat(json.<Integer>read("$.totals.messagesIn")).isGreaterThanOrEqualTo(1);
			assertThat(json.<Integer>read("$.bytesSaved.responseHeadBytes")).isEqualTo(105);
			assertThat(json.<Map<String, Object>>read("$.bytesSaved")).doesNotContainKey("requestHeadBytes");
			long equivalent = json.<Number>read("$.bytesSaved.httpEquivalentBytes").longValue();
			long actual = json.<Number>read("$.bytesSaved.actualBytes").longValue();
			assertThat(json.<Number>read("$.bytesSaved.savedBytes").longValue()).isEqualTo(equivalent - actual);
		}

		@Test
		void pagesThroughSessionsOldestFirst() throws Exception {
			for (int i = 0; i < 3; i++) {
				connect("/chat/room" + i);
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> wsboot("").<Integer>read("$.sessions.total") >= 3);
			DocumentContext all = wsboot("?limit=1000");
			List<String> ids = all.read("$.sessions.items[*].id");
			DocumentContext page = wsboot("?offset=1&limit=1");
			assertThat(page.<Integer>read("$.sessions.offset")).isEqualTo(1);
			assertThat(page.<Integer>read("$.sessions.limit")).isEqualTo(1);
			assertThat(page.<List<String>>read("$.sessions.items[*].id")).containsExactly(ids.get(1));
		}

		@Test
		void rejectsALimitOutOfRangeWith400() throws Exception {
			assertThat(get("/actuator/wsboot?limit=0").statusCode()).isEqualTo(400);
			assertThat(get("/actuator/wsboot?limit=1001").statusCode()).isEqualTo(400);
			assertThat(get("/actuator/wsboot?offset=-1").statusCode()).isEqualTo(400);
		}

	}

	@Nested
	@DisplayName("POST /actuator/wsboot/{id}: RFC 6455 §7.4 close codes")
	class Close {

		@Test
		void closesOneSessionWithTheCodeGiven() throws Exception {
			RawWsClient client = connect("/chat/kick");
			String id = sessionId("kick");
			HttpResponse<String> response = post("/actuator/wsboot/" + id, "{\"code\": 4000, \"reason\": \"bye\"}");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).<Integer>read("$.code")).isEqualTo(4000);
			ServerFrame close = client.readClose();
			assertThat(close.payload()).containsExactly(0x0F, 0xA0, 'b', 'y', 'e');
		}

		@Test
		void rejectsACodeThatMayNotBeSentWith400() throws Exception {
			connect("/chat/keep");
			String id = sessionId("keep");
			assertThat(post("/actuator/wsboot/" + id, "{\"code\": 1005}").statusCode()).isEqualTo(400);
			assertThat(post("/actuator/wsboot/" + id, "{\"code\": 1006}").statusCode()).isEqualTo(400);
			assertThat(post("/actuator/wsboot/" + id, "{\"code\": 999}").statusCode()).isEqualTo(400);
			assertThat(post("/actuator/wsboot/" + id, "{\"code\": 1000, \"reason\": \"" + "x".repeat(124) + "\"}")
				.statusCode()).isEqualTo(400);
		}

		@Test
		void answers404ForAnUnknownSession() throws Exception {
			assertThat(post("/actuator/wsboot/nope", "{\"code\": 1000}").statusCode()).isEqualTo(404);
		}

	}

	@Nested
	@DisplayName("health and Prometheus")
	class HealthAndPrometheus {

		@Test
		void healthIsUpWithDetails() throws Exception {
			HttpResponse<String> response = get("/actuator/health");
			assertThat(response.statusCode()).isEqualTo(200);
			DocumentContext json = JsonPath.parse(response.body());
			assertThat(json.<String>read("$.components.wsboot.status")).isEqualTo("UP");
			assertThat(json.<Integer>read("$.components.wsboot.details.port"))
				.isEqualTo(WsbootEndpointWebIntegrationTests.this.wsPort);
		}

		@Test
		void prometheusScrapeHasEveryWsbootMeter() throws Exception {
			try (RawWsClient rejected = RawWsClient.connect(WsbootEndpointWebIntegrationTests.this.wsPort)) {
				assertThat(rejected.handshake(UpgradeRequest.get("/nowhere")).status()).isEqualTo(404);
			}
			RawWsClient client = connect("/chat/prom");
			client.send(ClientFrames.text("hi"));
			client.readFrame();
			client.send(ClientFrames.close(1000, ""));
			client.readFrame();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> get("/actuator/prometheus").body().contains("wsboot_connections_closed_total"));
			HttpResponse<String> response = get("/actuator/prometheus");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("wsboot_connections_active{endpoint=\"/chat/{room}\"}",
					"wsboot_connections_opened_total{endpoint=\"/chat/{room}\"}",
					"wsboot_connections_closed_total{code=\"1000\",endpoint=\"/chat/{room}\",initiator=\"client\"}",
					"wsboot_session_duration_seconds_count{endpoint=\"/chat/{room}\"}",
					"wsboot_handshakes_rejected_total{reason=\"not-found\",status=\"404\"} 1.0",
					"wsboot_messages_total{direction=\"in\",endpoint=\"/chat/{room}\",type=\"text\"}",
					"wsboot_messages_total{direction=\"out\",endpoint=\"/chat/{room}\",type=\"binary\"}",
					"wsboot_traffic_wire_bytes_total{direction=\"in\",endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_payload_bytes_total{direction=\"out\",endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_message_bytes_total{direction=\"in\",endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_handshake_bytes_total{direction=\"out\",endpoint=\"/chat/{room}\"}",
					"wsboot_frames_control_total{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_control_bytes_total{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_http_equivalent_bytes_total{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_actual_bytes_total{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_saved_bytes{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_saved_ratio{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_compression_saved_bytes{endpoint=\"/chat/{room}\"}",
					"wsboot_messages_dropped_total{endpoint=\"/chat/{room}\"}",
					"wsboot_traffic_queued_bytes{endpoint=\"/chat/{room}\"}");
			assertThat(response.body()).doesNotContain("/chat/prom");
			// every series that the Grafana dashboard queries is scraped
			String dashboard = Files.readString(Path.of("..", "dashboards", "wsboot.json"));
			Matcher names = Pattern.compile("wsboot_[a-z_]+").matcher(dashboard);
			Set<String> queried = new TreeSet<>();
			while (names.find()) {
				queried.add(names.group());
			}
			assertThat(queried).hasSizeGreaterThan(10)
				.allSatisfy((name) -> assertThat(response.body()).contains("\n" + name + "{"));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ChatApplication {

		@Bean
		ChatEndpoint chatEndpoint() {
			return new ChatEndpoint();
		}

	}

	@WsEndpoint(path = CHAT, subprotocols = "chat.v1")
	static class ChatEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
