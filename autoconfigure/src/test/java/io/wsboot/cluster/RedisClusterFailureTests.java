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
			awaitCrossing(alice.client(), bob.client());
		}

	}

	@Nested
	@DisplayName("Redis lost at run time")
	class LostAtRunTime {

		@Test
		void localDeliveryContinuesAndCrossNodeDeliveryResumesAfterRestart() {
			RedisServer redis = track(RedisServer.start());
			ChatNode a = track(ChatNode.start("node-a", redis.port(), prefix));
			ChatNode b = track(ChatNode.start("node-b", redis.port(), prefix));
			Member alice = a.join("lobby");
			Member bob = b.join("lobby");
			track(alice.client());
			track(bob.client());
			alice.client().sendText("before");
			assertThat(alice.client().awaitText()).isEqualTo("before");
			assertThat(bob.client().awaitText()).isEqualTo("before");

			redis.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> !a.cluster().isConnected());
			alice.client().sendText("during");
			assertThat(alice.client().awaitText()).as("local delivery without Redis").isEqualTo("during");

			redis.restart();
			await().atMost(Duration.ofSeconds(20)).until(() -> a.cluster().isConnected() && b.cluster().isConnected());
			awaitCrossing(alice.client(), bob.client());
			for (int k = 0; k < 20; k++) {
				alice.client().sendText("after-" + k);
			}
			for (int k = 0; k < 20; k++) {
				assertThat(nextWithout(bob.client(), "during")).isEqualTo("after-" + k);
			}
			// presence is written again into the restarted, empty Redis
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(b.cluster().members("lobby"))
					.containsExactlyInAnyOrder(alice.clusterSessionId(), bob.clusterSessionId()));
		}

	}

	/**
	 * Send probes from one client until another (on another node) gets one: the
	 * subscriptions are back. The sender's own echoes and late probes are skipped later.
	 */
	private static void awaitCrossing(WsTestClient from, WsTestClient to) {
		AtomicInteger probe = new AtomicInteger();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			from.sendText("probe-" + probe.incrementAndGet());
			try {
				return to.awaitText(Duration.ofMillis(150)).startsWith("probe-");
			}
			catch (AssertionError ex) {
				return false;
			}
		});
		drain(from);
		drain(to);
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
