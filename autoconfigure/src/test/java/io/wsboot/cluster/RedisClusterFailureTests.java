package io.wsboot.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.cluster.ChatNode.Member;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * What nodes do when Redis is missing at start or lost at run time. Each test runs its
 * own {@code redis-server} on a free loopback port, so that killing it disturbs nobody
 * else.
 */
@Timeout(90)
class RedisClusterFailureTests {

	private final String prefix = "wsboot-test-" + UUID.randomUUID();

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	@Nested
	@DisplayName("Redis unreachable at start")
	class UnreachableAtStart {

		@Test
		void startFailsWithAClearErrorByDefault() {
			int closedPort = RedisServer.freePort();
			assertThatException().isThrownBy(() -> track(ChatNode.start("node-a", closedPort, prefix)))
				.withStackTraceContaining("IllegalStateException: wsboot cluster node 'node-a' cannot reach Redis")
				.withStackTraceContaining("or set wsboot.cluster.fail-fast=false to start local-only");
		}

		@Test
		void withoutFailFastTheNodeServesLocallyAndJoinsTheClusterWhenRedisComesUp() {
			int port = RedisServer.freePort();
			ChatNode a = track(ChatNode.start("node-a", port, prefix, "wsboot.cluster.fail-fast=false"));
			Member alice = a.join("lobby");
			track(alice.client());
			assertThat(a.cluster().isConnected()).isFalse();
			alice.client().sendText("alone");
			assertThat(alice.client().awaitText()).isEqualTo("alone");
			RedisServer redis = track(RedisServer.startOn(port));
			ChatNode b = track(ChatNode.start("node-b", redis.port(), prefix));
			Member bob = b.join("lobby");
			track(bob.client());
			await().atMost(Duration.ofSeconds(20)).until(() -> a.cluster().isConnected());
			awaitCrossing(alice.client(), List.of(bob.client()));
		}

	}

	@Nested
	@DisplayName("Redis lost at run time")
	class LostAtRunTime {

		@Test
		void localDeliveryContinuesAndCrossNodeDeliveryResumesAfterRestart() {
			RedisServer redis = track(RedisServer.start());
			List<ChatNode> nodes = new ArrayList<>();
			List<Member> members = new ArrayList<>();
			for (String name : List.of("node-a", "node-b", "node-c")) {
				ChatNode node = track(ChatNode.start(name, redis.port(), prefix));
				Member member = node.join("lobby");
				track(member.client());
				nodes.add(node);
				members.add(member);
			}
			WsTestClient alice = members.get(0).client();
			List<WsTestClient> others = List.of(members.get(1).client(), members.get(2).client());
			alice.sendText("before");
			assertThat(alice.awaitText()).isEqualTo("before");
			others.forEach((other) -> assertThat(other.awaitText()).isEqualTo("before"));

			redis.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> !nodes.get(0).cluster().isConnected());
			alice.sendText("during");
			assertThat(alice.awaitText()).as("local delivery without Redis").isEqualTo("during");

			redis.restart();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> nodes.stream().allMatch((node) -> node.cluster().isConnected()));
			awaitCrossing(alice, others);
			for (int k = 0; k < 20; k++) {
				alice.sendText("after-" + k);
			}
			for (WsTestClient other : others) {
				for (int k = 0; k < 20; k++) {
					assertThat(nextWithout(other, "during")).isEqualTo("after-" + k);
				}
			}
			// presence is written again into the restarted, empty Redis
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(nodes.get(1).cluster().members("lobby"))
					.containsExactlyInAnyOrderElementsOf(members.stream().map(Member::clusterSessionId).toList()));
		}

	}

	/**
	 * Send probes from one client until each of the others (on other nodes) gets one: the
	 * subscriptions are back. The sender's own echoes and late probes are skipped later.
	 */
	private static void awaitCrossing(WsTestClient from, List<WsTestClient> to) {
		AtomicInteger probe = new AtomicInteger();
		List<WsTestClient> waiting = new ArrayList<>(to);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			from.sendText("probe-" + probe.incrementAndGet());
			waiting.removeIf((client) -> {
				try {
					return client.awaitText(Duration.ofMillis(150)).startsWith("probe-");
				}
				catch (AssertionError ex) {
					return false;
				}
			});
			return waiting.isEmpty();
		});
		drain(from);
		to.forEach(RedisClusterFailureTests::drain);
	}

	private static void drain(WsTestClient client) {
		while (true) {
			try {
				client.awaitText(Duration.ofMillis(300));
			}
			catch (AssertionError ex) {
				return;
			}
		}
	}

	private static String nextWithout(WsTestClient client, String skipped) {
		String text = client.awaitText();
		while (text.equals(skipped) || text.startsWith("probe-")) {
			text = client.awaitText();
		}
		return text;
	}

}
