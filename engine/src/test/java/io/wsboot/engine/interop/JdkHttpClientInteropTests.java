package io.wsboot.engine.interop;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.testclient.JdkRecorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The server against the JDK's {@link java.net.http.WebSocket}.
 *
 * @author wsboot
 */
class JdkHttpClientInteropTests extends AbstractClientInteropTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Override
	Client connect(String path, String... subprotocols) throws Exception {
		JdkRecorder listener = new JdkRecorder();
		WebSocket.Builder builder = this.http.newWebSocketBuilder();
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		WebSocket socket = builder.buildAsync(uri(path), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
		return new Client(listener, socket.getSubprotocol(), (message) -> send(socket, message));
	}

	private static void send(WebSocket socket, Message message) throws Exception {
		CompletableFuture<WebSocket> sent = sendAsync(socket, message);
		sent.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static CompletableFuture<WebSocket> sendAsync(WebSocket socket, Message message) {
		if (message instanceof Text text) {
			return socket.sendText(text.text(), text.last());
		}
		if (message instanceof Binary binary) {
			return socket.sendBinary(ByteBuffer.wrap(binary.payload()), binary.last());
		}
		if (message instanceof Ping ping) {
			return socket.sendPing(ByteBuffer.wrap(ping.payload()));
		}
		Close close = (Close) message;
		return socket.sendClose(close.code(), close.reason());
	}

	@Override
	int rejectedStatus(String path) {
		ExecutionException failure = catchThrowableOfType(ExecutionException.class,
				() -> this.http.newWebSocketBuilder()
					.buildAsync(uri(path), new JdkRecorder())
					.get(WAIT_SECONDS, TimeUnit.SECONDS));
		assertThat(failure).isNotNull().cause().isInstanceOf(WebSocketHandshakeException.class);
		return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
	}

}
