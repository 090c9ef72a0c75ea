package io.wsboot.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import io.wsboot.endpoint.annotation.OnOpen;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.security.TestTokens;
import io.wsboot.endpoint.session.WsSessions;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WsSessions#sendToUser(String, Object)} across two nodes with a real Redis: every
 * session of the user gets the message exactly once, no session of another user gets it.
 */
class SendToUserClusterTests {

	private static final TestTokens tokens = new TestTokens();

	private static final Duration QUIET = Duration.ofMillis(500);

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final List<WsTestClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		this.clients.forEach(WsTestClient::close);
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void sendToUserReachesEverySessionOfTheUserOnEveryNodeExactlyOnce() {
		int redisPort = RedisServer.sharedPort();
		String prefix = "wsboot-test-" + UUID.randomUUID();
		ConfigurableApplicationContext one = start("node-1", redisPort, prefix);
		ConfigurableApplicationContext two = start("node-2", redisPort, prefix);
		WsTestClient ada1 = connect(one, "ada");
		WsTestClient ada2 = connect(one, "ada");
		WsTestClient ada3 = connect(two, "ada");
		WsTestClient bob1 = connect(one, "bob");
		WsTestClient bob2 = connect(two, "bob");
		assertThat(one.getBean(WsSessions.class).users()).isEqualTo(Map.of("ada", 2, "bob", 1));
		assertThat(two.getBean(WsSessions.class).users()).isEqualTo(Map.of("ada", 1, "bob", 1));
		one.getBean(WsSessions.class).sendToUser("ada", "from node 1").join();
		two.getBean(WsSessions.class).sendToUser("ada", "from node 2").join();
		for (WsTestClient ada : List.of(ada1, ada2, ada3)) {
			// each message once, in the order each node published it
			List<String> received = List.of(ada.awaitText(), ada.awaitText());
			assertThat(received).containsExactlyInAnyOrder("from node 1", "from node 2");
			ada.expectNoMessage(QUIET);
		}
		bob1.expectNoMessage(QUIET);
		bob2.expectNoMessage(QUIET);
		two.getBean(WsSessions.class).sendToUser("bob", "for bob").join();
		assertThat(bob1.awaitText()).isEqualTo("for bob");
		assertThat(bob2.awaitText()).isEqualTo("for bob");
		ada3.expectNoMessage(QUIET);
	}

	private ConfigurableApplicationContext start(String nodeId, int redisPort, String prefix) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1", "wsboot.cluster.enabled=true",
					"wsboot.cluster.node-id=" + nodeId, "wsboot.cluster.channel-prefix=" + prefix,
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"spring.main.banner-mode=off")
			.run();
		this.nodes.add(context);
		return context;
	}

	private WsTestClient connect(ConfigurableApplicationContext node, String user) {
		int port = node.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
		WsTestClient client = WsTestClient.builder()
			.header("Authorization", "Bearer " + tokens.token(user, "USER"))
			.connect("ws://127.0.0.1:" + port + "/inbox");
		this.clients.add(client);
		// registered before @OnOpen runs: from here on sendToUser reaches it
		assertThat(client.awaitText()).isEqualTo("ready");
		return client;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
			WsClusterAutoConfiguration.class, WsAutoConfiguration.class, WsSecurityAutoConfiguration.class })
	@Import(InboxEndpoint.class)
	static class Config {

		@Bean
		JwtDecoder jwtDecoder() {
			return tokens.decoder();
		}

	}

	@WsEndpoint("/inbox")
	@PreAuthorize("isAuthenticated()")
	static class InboxEndpoint {

		@OnOpen
		String open() {
			return "ready";
		}

	}

}
