package io.wsboot.engine.internal.transport;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.JdkRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attachment slot of a real connection's {@link WsSession}: empty at first, kept
 * across events, visible to the event loop when attached on another thread.
 */
class WsSessionAttachmentTests {

	private final WsServer server = new WsServer(
			ServerConfig.defaults().withBinding(InetAddress.getLoopbackAddress(), 0).withEventLoops(1),
			List.of(Endpoint.of("/attach", new AttachingHandler())));

	private final JdkRecorder listener = new JdkRecorder();

	private WebSocket socket;

	@BeforeEach
	void connect() throws Exception {
		this.server.start();
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.server.port() + "/attach"), this.listener)
			.get(5, TimeUnit.SECONDS);
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	private String exchange(String text) throws Exception {
		this.socket.sendText(text, true).get(5, TimeUnit.SECONDS);
		return this.listener.events.poll(5, TimeUnit.SECONDS);
	}

	@Test
	void slotIsEmptyAtOpenAndKeepsWhatOnOpenAttached() throws Exception {
		assertThat(exchange("read")).isEqualTo("text:attached in onOpen, was null");
		assertThat(exchange("read")).isEqualTo("text:attached in onOpen, was null");
	}

	@Test
	void attachingNullClearsTheSlot() throws Exception {
		assertThat(exchange("clear")).isEqualTo("text:cleared");
		assertThat(exchange("read")).isEqualTo("text:null");
	}

	@Test
	void attachmentMadeOnAnotherThreadIsSeenByTheEventLoop() throws Exception {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.sessions().size() == 1);
		WsSession session = this.server.sessions().iterator().next();
		assertThat(session.attachment()).isEqualTo("attached in onOpen, was null");
		session.attach("attached by the test thread");
		assertThat(exchange("read")).isEqualTo("text:attached by the test thread");
	}

	@Test
	void attachmentIsStillReadableInOnClose() throws Exception {
		this.socket.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
		assertThat(this.listener.events.poll(5, TimeUnit.SECONDS)).isEqualTo("close:1000:bye");
		assertThat(AttachingHandler.closed.poll(5, TimeUnit.SECONDS)).isEqualTo("attached in onOpen, was null");
	}

	static class AttachingHandler implements WsHandler {

		static final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

		@Override
		public void onOpen(WsSession session) {
			session.attach("attached in onOpen, was " + session.attachment());
		}

		@Override
		public void onText(WsSession session, String text) {
			if (text.equals("clear")) {
				session.attach(null);
				session.sendText("cleared");
			}
			else {
				session.sendText(String.valueOf(session.attachment()));
			}
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			closed.add(String.valueOf(session.attachment()));
		}

	}

}
