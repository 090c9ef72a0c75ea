package io.wsboot.engine.internal.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.JdkRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Starting, echoing through and stopping a {@link WsServer} with the JDK's client.
 */
class WsServerLifecycleTests {

	private final WsServer server = new WsServer(
			ServerConfig.defaults().withBinding(InetAddress.getLoopbackAddress(), 0).withEventLoops(2),
			List.of(Endpoint.of("/echo", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) {
					session.sendText(text);
				}
			})));

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void portIsReadableOnlyWhileRunning() throws Exception {
		assertThatIllegalStateException().isThrownBy(this.server::port);
		this.server.start();
		assertThat(this.server.port()).isPositive();
		assertThat(this.server.isHealthy()).isTrue();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
	}

	@Test
	void echoesTextAndStopSendsGoingAway() throws Exception {
		this.server.start();
		JdkRecorder listener = new JdkRecorder();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.server.port() + "/echo"), listener)
			.get(5, TimeUnit.SECONDS);
		socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
		assertThat(listener.events.poll(5, TimeUnit.SECONDS)).isEqualTo("text:hello");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.sessions().size() == 1);
		this.server.stop();
		assertThat(listener.events.poll(5, TimeUnit.SECONDS)).isEqualTo("close:1001:server shutting down");
		assertThat(this.server.sessions()).isEmpty();
	}

}
