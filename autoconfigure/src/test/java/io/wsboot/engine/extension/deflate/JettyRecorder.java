package io.wsboot.engine.extension.deflate;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Jetty client endpoint that records what it receives, in order. Public because Jetty
 * calls endpoint methods through a public method-handle lookup.
 */
public class JettyRecorder implements Session.Listener.AutoDemanding {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	Session session;

	@Override
	public void onWebSocketText(String message) {
		this.events.add(message);
	}

	@Override
	public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		this.events.add(bytes);
		callback.succeed();
	}

	@Override
	public void onWebSocketClose(int statusCode, String reason, Callback callback) {
		this.events.add("close:" + statusCode);
		callback.succeed();
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		this.events.add("error:" + cause);
	}

	/**
	 * Return the next event: a text message, a binary message as {@code byte[]},
	 * {@code "close:<code>"} or {@code "error:<exception>"}.
	 * @return the event
	 * @throws InterruptedException when interrupted while waiting
	 */
	Object next() throws InterruptedException {
		Object event = this.events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(event).as("event within %s", TIMEOUT).isNotNull();
		return event;
	}

}
