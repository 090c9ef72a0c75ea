package io.wsboot.autoconfigure.observation;

import java.time.Duration;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.autoconfigure.WsServerLifecycle;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.engine.FrameListener;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the traffic log ({@code wsboot.server.traffic-log.*}).
 *
 * @author wsboot
 */
@ExtendWith(OutputCaptureExtension.class)
class TrafficLogTests {

	@Test
	void offByDefault() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsTrafficLogAutoConfiguration.class))
			.withPropertyValues("wsboot.server.auto-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TrafficLog.class));
	}

	@Test
	void payloadBytesDefaultsToTheEngineDefault() {
		assertThat(new TrafficLogProperties().getPayloadBytes()).isEqualTo(FrameListener.DEFAULT_PAYLOAD_HEAD_BYTES);
	}

	@Test
	void logsHandshakesAndFramesOfTheChosenEndpointsWithoutTheirTokens(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoggedApplication.class)
			.web(WebApplicationType.NONE)
			.properties("wsboot.server.port=0", "wsboot.server.address=127.0.0.1",
					"wsboot.server.traffic-log.enabled=true", "wsboot.server.traffic-log.endpoints=/echo",
					"wsboot.server.traffic-log.payload-bytes=4", "logging.level.io.wsboot.traffic=debug")
			.run()) {
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			try (RawWsClient client = RawWsClient.connect(port)) {
				HttpResponseHead response = client.upgrade(UpgradeRequest.get("/echo?room=1&access_token=SECRET-QUERY")
					.header("Sec-WebSocket-Protocol", "chat, wsboot.bearer.SECRET-PROTOCOL")
					.header("Authorization", "Bearer SECRET-HEADER"));
				assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("chat");
				client.send(ClientFrames.text("hello"));
				assertThat(client.readFrame().text()).isEqualTo("hello");
				client.send(ClientFrames.close(1000, "bye"));
				client.readClose();
			}
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.upgrade(UpgradeRequest.get("/quiet?access_token=QUIET"));
				client.send(ClientFrames.text("quiet"));
				assertThat(client.readFrame().text()).isEqualTo("quiet");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("CLOSE 5 bytes"));
			String log = output.getOut();
			assertThat(log).contains("Handshake from /127.0.0.1:")
				.contains("GET /echo?room=1&access_token=[redacted] HTTP/1.1")
				.contains("sec-websocket-protocol=[chat, wsboot.bearer.[redacted]]")
				.contains("authorization=[[redacted]]")
				.containsPattern("Session \\S+ opened from .* at /echo \\(endpoint /echo\\), subprotocol chat")
				.containsPattern("Session \\S+ IN TEXT 5 bytes: \"hell\"\\.\\.\\.")
				.containsPattern("Session \\S+ OUT TEXT 5 bytes: \"hell\"\\.\\.\\.")
				.containsPattern("Session \\S+ IN CLOSE 5 bytes: 1000 \"by\"\\.\\.\\.")
				.doesNotContain("SECRET")
				.doesNotContain("/quiet")
				.doesNotContain("QUIET");
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ WsAutoConfiguration.class, WsTrafficLogAutoConfiguration.class })
	static class LoggedApplication {

		@Bean
		EchoEndpoint echoEndpoint() {
			return new EchoEndpoint();
		}

		@Bean
		QuietEndpoint quietEndpoint() {
			return new QuietEndpoint();
		}

	}

	@WsEndpoint(path = "/echo", subprotocols = "chat")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/quiet")
	static class QuietEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
