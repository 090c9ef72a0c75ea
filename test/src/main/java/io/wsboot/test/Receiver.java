package io.wsboot.test;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import io.wsboot.test.Event.Failure;
import io.wsboot.test.WsTestClient.Closed;
import io.wsboot.test.WsTestClient.Message;
import org.jspecify.annotations.Nullable;

/**
 * The listener of a {@link WsTestClient}'s JDK {@link WebSocket}: assembles the partial
 * messages the JDK delivers into whole ones and puts what arrives into an {@link Inbox}.
 *
 * @author wsboot
 */
final class Receiver implements WebSocket.Listener {

	private final Inbox inbox = new Inbox();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	/**
	 * Return where this listener puts what arrives.
	 * @return the inbox
	 */
	Inbox inbox() {
		return this.inbox;
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.inbox.add(new Message(true, this.text.toString().getBytes(StandardCharsets.UTF_8)));
			this.text.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.binary.writeBytes(bytes);
		if (last) {
			this.inbox.add(new Message(false, this.binary.toByteArray()));
			this.binary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		byte[] bytes = new byte[message.remaining()];
		message.get(bytes);
		this.inbox.addPong(bytes);
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
		webSocket.request(1);
		return null;
	}

	@Override
	public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.inbox.add(new Closed(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.inbox.add(new Failure(error));
	}

}
