package io.wsboot.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.wsboot.streams.StreamPosition;
import io.wsboot.streams.StreamsNode;
import io.wsboot.streams.StreamsTestClient;
import io.wsboot.streams.WsStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams on two nodes sharing a real Redis of this class's own (it is flushed): history
 * in Redis Streams, live delivery through the cluster's fan-out, recovery on either node.
 */
@Timeout(90)
class RedisStreamsIntegrationTests {

	private static RedisServer redis;

	private final List<StreamsNode> nodes = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@BeforeEach
	void startNodes() {
		String prefix = "wsboot-streams-" + UUID.randomUUID();
		for (int i = 0; i < 2; i++) {
			this.nodes.add(StreamsNode.start("wsboot.cluster.enabled=true", "wsboot.cluster.node-id=node-" + i,
					"wsboot.cluster.channel-prefix=" + prefix, "wsboot.cluster.heartbeat-interval=200ms",
					"wsboot.cluster.node-ttl=1s", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port(), "spring.data.redis.timeout=2s"));
		}
		assertThat(this.nodes.get(0).streams().history()).isInstanceOf(RedisStreamHistory.class);
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(StreamsNode::close);
	}

	@Test
	@DisplayName("a client that missed 37 publications resumes on the other node with exactly those, then live ones")
	void resumesOnTheOtherNode() {
		WsStreams first = this.nodes.get(0).streams();
		WsStreams second = this.nodes.get(1).streams();
		StreamPosition last;
		try (StreamsTestClient client = this.nodes.get(0).connect()) {
			client.subscribe("room:r", null);
			// published on the other node: live delivery crosses nodes
			for (int i = 1; i <= 3; i++) {
				second.publish("room:r", "before " + i);
			}
			List<JsonNode> seen = client.publications(3);
			assertThat(seen).extracting((frame) -> frame.get("offset").asLong()).containsExactly(1L, 2L, 3L);
			last = StreamsTestClient.position(seen.get(2));
		}
		for (int i = 1; i <= 37; i++) {
			((i % 2 == 0) ? first : second).publish("room:r", "missed " + i);
		}
		try (StreamsTestClient client = this.nodes.get(1).connect()) {
			JsonNode subscribed = client.subscribe("room:r", last);
			assertThat(subscribed.get("recovered").asBoolean()).isTrue();
			assertThat(StreamsTestClient.position(subscribed)).isEqualTo(new StreamPosition(last.epoch(), 40));
			List<JsonNode> missed = client.publications(37);
			for (int i = 0; i < 37; i++) {
				assertThat(missed.get(i).get("offset").asLong()).isEqualTo(4 + i);
				assertThat(missed.get(i).get("data").asString()).isEqualTo("missed " + (i + 1));
			}
			first.publish("room:r", "live");
			JsonNode live = client.publications(1).get(0);
			assertThat(live.get("offset").asLong()).isEqualTo(41);
			assertThat(live.get("data").asString()).isEqualTo("live");
		}
	}

	@Test
	@DisplayName("after FLUSHALL the resume is not recovered, with a new epoch, and live delivery continues")
	void afterFlushAllTheResumeIsNotRecovered() {
		WsStreams first = this.nodes.get(0).streams();
		StreamPosition before = first.publish("room:f", "one");
		try (StreamsTestClient staying = this.nodes.get(0).connect()) {
			staying.subscribe("room:f", before);
			try (RedisConnection connection = this.nodes.get(0)
				.context()
				.getBean(RedisConnectionFactory.class)
				.getConnection()) {
				connection.serverCommands().flushAll();
			}
			try (StreamsTestClient client = this.nodes.get(1).connect()) {
				JsonNode subscribed = client.subscribe("room:f", before);
				assertThat(subscribed.get("recovered").asBoolean()).isFalse();
				String epoch = subscribed.get("epoch").asString();
				assertThat(epoch).isNotEqualTo(before.epoch());
				StreamPosition after = first.publish("room:f", "after flush");
				assertThat(after).isEqualTo(new StreamPosition(epoch, 1));
				for (StreamsTestClient receiver : List.of(client, staying)) {
					JsonNode live = receiver.publications(1).get(0);
					assertThat(StreamsTestClient.position(live)).isEqualTo(after);
					assertThat(live.get("data").asString()).isEqualTo("after flush");
				}
			}
		}
	}

	@Test
	@DisplayName("both nodes publish at once: subscribers of both nodes get every offset once, in order")
	void publicationsOfBothNodesArriveInOffsetOrder() throws Exception {
		int perNode = 400;
		List<StreamsTestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				StreamsTestClient client = this.nodes.get(i % 2).connect();
				clients.add(client);
				client.subscribe("room:both", null);
			}
			List<CompletableFuture<Void>> publishers = new ArrayList<>();
			for (StreamsNode node : this.nodes) {
				publishers.add(CompletableFuture.runAsync(() -> {
					for (int k = 0; k < perNode; k++) {
						node.streams().publish("room:both", k);
					}
				}));
			}
			CompletableFuture.allOf(publishers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			for (StreamsTestClient client : clients) {
				List<JsonNode> publications = client.publications(2 * perNode);
				for (int i = 0; i < publications.size(); i++) {
					assertThat(publications.get(i).get("offset").asLong()).isEqualTo(i + 1);
				}
			}
		}
		finally {
			clients.forEach(StreamsTestClient::close);
		}
	}

}
