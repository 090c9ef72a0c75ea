package io.wsboot.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.cluster.ChatNode.Member;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes, three application contexts on their own ports, share one real Redis (each
 * test with its own channel prefix); clients are spread across them.
 */
@Timeout(60)
class RedisClusterIntegrationTests {

	private static final int MEMBERS_PER_NODE = 3;

	private static final int MESSAGES_PER_SENDER = 30;

	/** Time from a node's last heartbeat until its presence is gone, with margin. */
	private static final Duration PRESENCE_GONE = Duration.ofSeconds(5);

	private final List<ChatNode> nodes = new ArrayList<>();

	private final List<WsTestClient> clients = new ArrayList<>();

	private String prefix;

	@BeforeEach
	void startNodes() {
		int port = RedisServer.sharedPort();
		String prefix = "wsboot-test-" + UUID.randomUUID();
		this.prefix = prefix;
		for (int i = 0; i < 3; i++) {
			this.nodes.add(ChatNode.start("node-" + i, port, prefix));
		}
	}

	@AfterEach
	void stopNodes() {
		this.clients.forEach(WsTestClient::close);
		this.nodes.forEach(ChatNode::close);
	}

	private Member join(int node, String room) {
		Member member = this.nodes.get(node).join(room);
		this.clients.add(member.client());
		return member;
	}

	private List<Member> lobbyOnEveryNode() {
		List<Member> members = new ArrayList<>();
		for (int node = 0; node < 3; node++) {
			for (int i = 0; i < MEMBERS_PER_NODE; i++) {
				members.add(join(node, "lobby"));
			}
		}
		return members;
	}

	@Nested
	@DisplayName("room messages across nodes")
	class RoomMessages {

		@Test
		void everyMemberOnEveryNodeGetsEachMessageOnceInSendOrderPerSender() {
			List<Member> members = lobbyOnEveryNode();
			Member outsider = join(1, "kitchen");
			// one sender per node, all sending at once
			List<Thread> senders = new ArrayList<>();
			for (int node = 0; node < 3; node++) {
				WsTestClient sender = members.get(node * MEMBERS_PER_NODE).client();
				String name = "s" + node;
				Thread thread = new Thread(() -> {
					for (int k = 0; k < MESSAGES_PER_SENDER; k++) {
						sender.sendText(name + "-" + k);
					}
				});
				thread.start();
				senders.add(thread);
			}
			for (Thread sender : senders) {
				join(sender);
			}
			for (Member member : members) {
				Map<String, Integer> next = new HashMap<>();
				for (int i = 0; i < 3 * MESSAGES_PER_SENDER; i++) {
					String text = member.client().awaitText();
					String sender = text.substring(0, text.indexOf('-'));
					int seq = Integer.parseInt(text.substring(text.indexOf('-') + 1));
					// in send order per sender, and each exactly once
					assertThat(seq).as("%s at %s", text, member.clusterSessionId())
						.isEqualTo(next.getOrDefault(sender, 0));
					next.put(sender, seq + 1);
				}
				assertThat(next).containsOnlyKeys("s0", "s1", "s2")
					.allSatisfy((sender, count) -> assertThat(count).isEqualTo(MESSAGES_PER_SENDER));
			}
			for (Member member : members) {
				member.client().expectNoMessage(Duration.ofMillis(50));
			}
			outsider.client().expectNoMessage(Duration.ofMillis(100));
			assertThat(nodes.get(0).cluster().publishedMessages()).isEqualTo(MESSAGES_PER_SENDER);
			assertThat(nodes.get(0).cluster().receivedMessages()).isEqualTo(2 * MESSAGES_PER_SENDER);
		}

		@Test
		void sendToEndpointAndToAllReachEveryNode() {
			List<Member> members = lobbyOnEveryNode();
			List<Duration> latencies = new CopyOnWriteArrayList<>();
			nodes.get(0).cluster().addLatencyListener(latencies::add);
			nodes.get(2).sessions().sendToEndpoint("/chat/{room}", "to-endpoint").join();
			for (Member member : members) {
				assertThat(member.client().awaitText()).isEqualTo("to-endpoint");
			}
			nodes.get(1).sessions().sendToAll(new byte[] { 1, 2, 3 }).join();
			for (Member member : members) {
				assertThat(member.client().awaitBinary()).containsExactly(1, 2, 3);
			}
			// node 0 received both from other nodes, and timed each once; it times a
			// message
			// after delivering it, so the second time may come just after the client saw
			// it
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(latencies).hasSize(2));
			assertThat(latencies)
				.allSatisfy((latency) -> assertThat(latency).isPositive().isLessThan(Duration.ofSeconds(5)));
		}

		@Test
		void aSessionOfAnyNodeIsReachedByItsClusterId() {
			Member target = join(0, "lobby");
			Member other = join(2, "lobby");
			assertThat(target.clusterSessionId()).startsWith("node-0:");
			assertThat(nodes.get(2).cluster().sendToSession(target.clusterSessionId(), "psst").join()).isTrue();
			assertThat(nodes.get(0).cluster().sendToSession(target.clusterSessionId(), "local").join()).isTrue();
			// two senders: no order between them
			assertThat(List.of(target.client().awaitText(), target.client().awaitText()))
				.containsExactlyInAnyOrder("psst", "local");
			other.client().expectNoMessage(Duration.ofMillis(100));
			assertThat(nodes.get(1).cluster().sendToSession("node-9:1", "nobody").join()).isFalse();
		}

	}

	@Nested
	@DisplayName("a publish that reaches Redis twice")
	class RepeatedPublish {

		@Test
		void aRepeatedMessageReachesEachSessionOnceAndARestartedSenderIsHeard() {
			List<Member> members = lobbyOnEveryNode();
			// what a remote node's publish looks like when the Redis client sends it
			// again
			// after a reconnect: the same bytes twice
			publishRaw(envelope(7, 1, "first"));
			publishRaw(envelope(7, 1, "first"));
			publishRaw(envelope(7, 2, "second"));
			// the sender restarted with the same node id: its numbers start again
			publishRaw(envelope(8, 1, "after restart"));
			for (Member member : members) {
				assertThat(member.client().awaitText()).isEqualTo("first");
				assertThat(member.client().awaitText()).isEqualTo("second");
				assertThat(member.client().awaitText()).isEqualTo("after restart");
			}
			for (Member member : members) {
				member.client().expectNoMessage(Duration.ofMillis(50));
			}
			assertThat(nodes).allSatisfy((node) -> {
				assertThat(node.cluster().duplicateMessages()).isEqualTo(1);
				assertThat(node.cluster().receivedMessages()).isEqualTo(3);
			});
		}

		private byte[] envelope(long incarnation, long number, String text) {
			return new ClusterEnvelope("node-9", new BroadcastTarget.Group("lobby"), PreparedMessage.text(text), 0,
					new ClusterEnvelope.Sequence(incarnation, number))
				.encode();
		}

		private void publishRaw(byte[] body) {
			LettuceConnectionFactory factory = nodes.get(0).context().getBean(LettuceConnectionFactory.class);
			try (RedisConnection connection = factory.getConnection()) {
				connection.publish(RedisCluster.broadcastChannel(prefix).getBytes(StandardCharsets.UTF_8), body);
			}
		}

	}

	@Nested
	@DisplayName("cluster-wide presence")
	class Presence {

		@Test
		void membersCountsAndNodesSpanTheCluster() {
			List<Member> members = lobbyOnEveryNode();
			join(1, "kitchen");
			RedisCluster cluster = nodes.get(0).cluster();
			List<String> ids = members.stream().map(Member::clusterSessionId).toList();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(cluster.nodes()).containsExactlyInAnyOrder("node-0", "node-1", "node-2");
				assertThat(cluster.members("lobby")).containsExactlyInAnyOrderElementsOf(ids);
				assertThat(cluster.sessionCounts("/chat/{room}"))
					.isEqualTo(Map.of("node-0", 3L, "node-1", 4L, "node-2", 3L));
			});
			assertThat(cluster.sessionCount("/chat/{room}")).isEqualTo(10);
			assertThat(nodes).allSatisfy((node) -> assertThat(node.cluster().isConnected()).isTrue());
			members.get(4).client().close();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(cluster.members("lobby")).hasSize(8)
					.doesNotContain(members.get(4).clusterSessionId()));
		}

		@Test
		void aKilledNodeAndItsSessionsVanishWithinTheTtl() {
			Member survivor = join(0, "lobby");
			Member doomed = join(2, "lobby");
			RedisCluster cluster = nodes.get(0).cluster();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(cluster.members("lobby"))
					.containsExactlyInAnyOrder(survivor.clusterSessionId(), doomed.clusterSessionId()));
			// the node loses Redis for good and cannot clean up, as if killed
			nodes.get(2).context().getBean(LettuceConnectionFactory.class).stop();
			long killed = System.nanoTime();
			await().atMost(PRESENCE_GONE).untilAsserted(() -> {
				assertThat(cluster.nodes()).containsExactlyInAnyOrder("node-0", "node-1");
				assertThat(cluster.members("lobby")).containsExactly(survivor.clusterSessionId());
			});
			assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofMillis(1000 + 2000));
		}

	}

	@Nested
	@DisplayName("a node that stops")
	class NodeStops {

		@Test
		void aNodeStoppedMidStreamLosesNobodyElsesMessages() {
			List<Member> members = lobbyOnEveryNode();
			WsTestClient sender = members.get(0).client();
			for (int k = 0; k < MESSAGES_PER_SENDER; k++) {
				sender.sendText("s0-" + k);
				if (k == MESSAGES_PER_SENDER / 2) {
					nodes.remove(2).close();
				}
			}
			for (Member member : members.subList(0, 2 * MEMBERS_PER_NODE)) {
				for (int k = 0; k < MESSAGES_PER_SENDER; k++) {
					assertThat(member.client().awaitText()).isEqualTo("s0-" + k);
				}
			}
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(nodes.get(0).cluster().nodes()).containsExactlyInAnyOrder("node-0", "node-1"));
		}

	}

	private static void join(Thread thread) {
		try {
			thread.join(30_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
