package io.wsboot.engine.testclient;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@code java.net.http.WebSocket} listener that puts fragments back together and
 * records whole messages, pongs and the close, both by kind and in one ordered event
 * stream. It asks for one event at a time, as the API expects.
 *
 * @author wsboot
 */
public final class JdkRecorder implements WebSocket.Listener {

	/** Whole text messages. */
	public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

	/** Whole binary messages. */
	public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();

	/** Pong payloads. */
	public final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	/** Closes received, as {@code "<code>:<reason>"}. */
	public final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

	/** Errors reported by the client. */
	public final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

	/**
	 * Every message and the close in arrival order: {@code "text:<text>"},
	 * {@code "binary:<length>:<Arrays.hashCode>"}, {@code "close:<code>:<reason>"}.
	 */
	public final BlockingQueue<String> events = new LinkedBlockingQueue<>();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			String message = this.text.toString();
			this.text.setLength(0);
			this.texts.add(message);
			this.events.add("text:" + message);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		this.binary.writeBytes(Bytes.of(data));
		if (last) {
			byte[] message = this.binary.toByteArray();
			this.binary.reset();
			this.binaries.add(message);
			this.events.add("binary:" + message.length + ":" + Arrays.hashCode(message));
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		this.pongs.add(Bytes.of(message));
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closes.add(statusCode + ":" + reason);
		this.events.add("close:" + statusCode + ":" + reason);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.errors.add(error);
	}

}
