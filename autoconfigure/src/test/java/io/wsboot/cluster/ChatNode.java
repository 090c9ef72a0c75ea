package io.wsboot.cluster;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.autoconfigure.cluster.WsClusterAutoConfiguration;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.OnOpen;
import io.wsboot.endpoint.annotation.PathParam;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.WsSessions;
import io.wsboot.test.WsTestClient;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * One node of a test cluster: a whole application with a chat endpoint, on its own port,
 * connected to a real Redis. A client of {@code /chat/{room}} joins the room, is told its
 * cluster session id ({@code id:<node>:<session>}), and every text it sends goes to the
 * room's members on every node.
 */
final class ChatNode implements AutoCloseable {

	private final String nodeId;

	private final ConfigurableApplicationContext context;

	private ChatNode(String nodeId, ConfigurableApplicationContext context) {
		this.nodeId = nodeId;
		this.context = context;
	}

	static ChatNode start(String nodeId, int redisPort, String channelPrefix, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
				"wsboot.cluster.enabled=true", "wsboot.cluster.node-id=" + nodeId,
				"wsboot.cluster.channel-prefix=" + channelPrefix, "wsboot.cluster.heartbeat-interval=200ms",
				"wsboot.cluster.node-ttl=1s", "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
				"spring.data.redis.timeout=2s", "wsboot.server.max-connections-per-address=5000",
				"spring.main.banner-mode=off"));
		properties.addAll(List.of(extraProperties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		return new ChatNode(nodeId, context);
	}

	String nodeId() {
		return this.nodeId;
	}

	int port() {
		return this.context.getEnvironment().getRequiredProperty(WsServerLifecycle.PORT_PROPERTY, Integer.class);
	}

	RedisCluster cluster() {
		return this.context.getBean(RedisCluster.class);
	}

	WsSessions sessions() {
		return this.context.getBean(WsSessions.class);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Connect a client to a room and wait until it joined.
	 * @param room the room
	 * @return the client and its cluster session id
	 */
	Member join(String room) {
		WsTestClient client = WsTestClient.connect("ws://127.0.0.1:" + port() + "/chat/" + room);
		String hello = client.awaitText();
		return new Member(client, hello.substring("id:".length()));
	}

	@Override
	public void close() {
		this.context.close();
	}

	record Member(WsTestClient client, String clusterSessionId) {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, DataRedisAutoConfiguration.class,
			WsClusterAutoConfiguration.class, WsAutoConfiguration.class })
	@Import(ChatEndpoint.class)
	static class Config {

	}

	@WsEndpoint("/chat/{room}")
	static class ChatEndpoint {

		private final WsSessions sessions;

		private final RedisCluster cluster;

		ChatEndpoint(WsSessions sessions, RedisCluster cluster) {
			this.sessions = sessions;
			this.cluster = cluster;
		}

		@OnOpen
		void open(EndpointSession session, @PathParam("room") String room) {
			session.join(room);
			session.sendText("id:" + this.cluster.clusterSessionId(session));
		}

		@OnMessage
		void message(String text, @PathParam("room") String room) {
			this.sessions.sendToGroup(room, text);
		}

	}

}
