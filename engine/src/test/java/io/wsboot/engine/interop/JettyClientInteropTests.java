package io.wsboot.engine.interop;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.testclient.JettyRecorder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The server against Jetty 12's WebSocket client, strict about what a server may send.
 *
 * @author wsboot
 */
class JettyClientInteropTests extends AbstractClientInteropTests {

	private static final long CLIENT_MAX_BYTES = 32L * 1024 * 1024;

	private final WebSocketClient jetty = new WebSocketClient();

	@BeforeEach
	void startClient() throws Exception {
		this.jetty.setMaxBinaryMessageSize(CLIENT_MAX_BYTES);
		this.jetty.setMaxTextMessageSize(CLIENT_MAX_BYTES);
		this.jetty.setMaxFrameSize(CLIENT_MAX_BYTES);
		this.jetty.start();
	}

	@AfterEach
	void stopClient() throws Exception {
		this.jetty.stop();
	}

	@Override
	Client connect(String path, String... subprotocols) throws Exception {
		JettyRecorder listener = new JettyRecorder();
		ClientUpgradeRequest request = new ClientUpgradeRequest(uri(path));
		request.setSubProtocols(List.of(subprotocols));
		Session session = this.jetty.connect(listener, request).get(WAIT_SECONDS, TimeUnit.SECONDS);
		return new Client(listener, session.getUpgradeResponse().getAcceptedSubProtocol(),
				(message) -> send(session, message));
	}

	@Override
	int rejectedStatus(String path) {
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> this.jetty.connect(new JettyRecorder(), uri(path)).get(WAIT_SECONDS, TimeUnit.SECONDS));
		assertThat(failure).isNotNull().cause().isInstanceOf(UpgradeException.class);
		return ((UpgradeException) failure.getCause()).getResponseStatusCode();
	}

	private static void send(Session session, Message message) throws Exception {
		if (message instanceof Close close) {
			// Jetty sends the close in the background and reports the outcome to the
			// listener
			session.close(close.code(), close.reason(), Callback.NOOP);
			return;
		}
		Callback.Completable.with((callback) -> {
			if (message instanceof Text text) {
				session.sendPartialText(text.text(), text.last(), callback);
			}
			else if (message instanceof Binary binary) {
				session.sendPartialBinary(ByteBuffer.wrap(binary.payload()), binary.last(), callback);
			}
			else {
				session.sendPing(ByteBuffer.wrap(((Ping) message).payload()), callback);
			}
		}).get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

}
