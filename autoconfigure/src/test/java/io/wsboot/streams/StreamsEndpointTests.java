package io.wsboot.streams;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams endpoint of one node, over real sockets: resume after missed publications,
 * positions history cannot serve, publishing and its policy.
 */
@Timeout(60)
class StreamsEndpointTests {

	private StreamsNode node;

	@BeforeEach
	void start() {
		this.node = StreamsNode.start("wsboot.streams.history-size=50");
	}

	@AfterEach
	void stop() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	@DisplayName("a client that missed 37 publications resumes with exactly those, in order, then live ones")
	void resumesThe37PublicationsItMissed() {
		WsStreams streams = this.node.streams();
		StreamPosition last;
		try (StreamsTestClient client = this.node.connect()) {
			JsonNode subscribed = client.subscribe("room:r", null);
			assertThat(subscribed.get("offset").asLong()).isZero();
			assertThat(subscribed.get("recovered").asBoolean()).isFalse();
			for (int i = 1; i <= 3; i++) {
				streams.publish("room:r", "before " + i);
			}
			List<JsonNode> seen = client.publications(3);
			last = StreamsTestClient.position(seen.get(2));
			assertThat(last.offset()).isEqualTo(3);
			assertThat(seen.get(2).get("data").asString()).isEqualTo("before 3");
		}
		for (int i = 1; i <= 37; i++) {
			streams.publish("room:r", new Message("missed " + i));
		}
		try (StreamsTestClient client = this.node.connect()) {
			JsonNode subscribed = client.subscribe("room:r", last);
			assertThat(subscribed.get("recovered").asBoolean()).isTrue();
			assertThat(StreamsTestClient.position(subscribed)).isEqualTo(new StreamPosition(last.epoch(), 40));
			List<JsonNode> missed = client.publications(37);
			for (int i = 0; i < 37; i++) {
				assertThat(missed.get(i).get("offset").asLong()).isEqualTo(4 + i);
				assertThat(missed.get(i).get("stream").asString()).isEqualTo("room:r");
				assertThat(missed.get(i).get("data").get("text").asString()).isEqualTo("missed " + (i + 1));
			}
			streams.publish("room:r", new Message("live"));
			JsonNode live = client.publications(1).get(0);
			assertThat(live.get("offset").asLong()).isEqualTo(41);
			assertThat(live.get("data").get("text").asString()).isEqualTo("live");
			client.expectNothing(Duration.ofMillis(100));
		}
	}

	@Test
	void aPositionOlderThanTheHistoryIsNotRecoveredAndTheSubscriptionStartsLive() {
		WsStreams streams = this.node.streams();
		StreamPosition start = streams.position("room:old");
		for (int i = 0; i < 80; i++) {
			streams.publish("room:old", i);
		}
		try (StreamsTestClient client = this.node.connect()) {
			JsonNode subscribed = client.subscribe("room:old", new StreamPosition(start.epoch(), 5));
			assertThat(subscribed.get("recovered").asBoolean()).isFalse();
			assertThat(subscribed.get("offset").asLong()).isEqualTo(80);
			streams.publish("room:old", "live");
			assertThat(client.publications(1).get(0).get("offset").asLong()).isEqualTo(81);
		}
	}

	@Test
	void aPositionFromAnotherEpochIsNotRecovered() {
		this.node.streams().publish("room:e", "one");
		try (StreamsTestClient client = this.node.connect()) {
			JsonNode subscribed = client.subscribe("room:e", new StreamPosition("another", 0));
			assertThat(subscribed.get("recovered").asBoolean()).isFalse();
			assertThat(subscribed.get("epoch").asString()).isNotEqualTo("another");
		}
	}

	@Test
	@DisplayName("after a restart a node-local stream has a new epoch: recovered false, live delivery continues")
	void afterARestartTheResumeIsNotRecoveredAndLiveDeliveryContinues() {
		this.node.streams().publish("room:x", "one");
		StreamPosition before = this.node.streams().position("room:x");
		this.node.close();
		this.node = StreamsNode.start();
		try (StreamsTestClient client = this.node.connect()) {
			JsonNode subscribed = client.subscribe("room:x", before);
			assertThat(subscribed.get("recovered").asBoolean()).isFalse();
			assertThat(subscribed.get("epoch").asString()).isNotEqualTo(before.epoch());
			this.node.streams().publish("room:x", "after restart");
			JsonNode live = client.publications(1).get(0);
			assertThat(live.get("epoch").asString()).isEqualTo(subscribed.get("epoch").asString());
			assertThat(live.get("data").asString()).isEqualTo("after restart");
		}
	}

	@Test
	void clientsPublishWhereThePolicyAllowsAndAreToldWhenItDoesNot() {
		try (StreamsTestClient alice = this.node.connect(); StreamsTestClient bob = this.node.connect()) {
			alice.subscribe("chat:lobby", null);
			bob.subscribe("chat:lobby", null);
			bob.send("{\"type\":\"publish\",\"stream\":\"chat:lobby\",\"data\":{\"user\":\"bob\",\"text\":\"hi\"}}");
			for (StreamsTestClient client : List.of(alice, bob)) {
				JsonNode publication = client.publications(1).get(0);
				assertThat(publication.get("offset").asLong()).isEqualTo(1);
				assertThat(publication.get("data").get("user").asString()).isEqualTo("bob");
			}
			bob.send("{\"type\":\"publish\",\"stream\":\"news\",\"data\":\"no\"}");
			JsonNode error = bob.next();
			assertThat(error.get("type").asString()).isEqualTo("error");
			assertThat(error.get("stream").asString()).isEqualTo("news");
			// the session stays open
			bob.send("not json");
			assertThat(bob.next().get("type").asString()).isEqualTo("error");
			bob.send("{\"type\":\"unsubscribe\",\"stream\":\"chat:lobby\"}");
			// requests of one session are served in order: once this is answered, bob has
			// left
			bob.subscribe("chat:other", null);
			alice.send("{\"type\":\"publish\",\"stream\":\"chat:lobby\",\"data\":\"second\"}");
			assertThat(alice.publications(1).get(0).get("offset").asLong()).isEqualTo(2);
			bob.expectNothing(Duration.ofMillis(200));
		}
	}

	record Message(String text) {

	}

}
