package io.wsboot.engine.testclient;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A Jetty 12 client endpoint, with Jetty's automatic demand, that records whole messages,
 * pongs, the close and errors, both by kind and in one ordered event stream. Public
 * because Jetty calls endpoint methods through a public method-handle lookup.
 *
 * @author wsboot
 */
public final class JettyRecorder implements Session.Listener.AutoDemanding {

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
	 * Every message, the close and errors in arrival order: a text message as its
	 * {@code String}, a binary message as {@code byte[]}, {@code "close:<code>"},
	 * {@code "error:<exception>"}.
	 */
	public final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	private volatile Session session;

	/**
	 * Return the client's session, once open.
	 * @return the session
	 */
	public Session session() {
		return this.session;
	}

	@Override
	public void onWebSocketOpen(Session session) {
		this.session = session;
	}

	@Override
	public void onWebSocketText(String message) {
		this.texts.add(message);
		this.events.add(message);
	}

	@Override
	public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
		byte[] bytes = Bytes.of(payload);
		this.binaries.add(bytes);
		this.events.add(bytes);
		callback.succeed();
	}

	@Override
	public void onWebSocketPong(ByteBuffer payload) {
		this.pongs.add(Bytes.of(payload));
	}

	@Override
	public void onWebSocketClose(int statusCode, String reason, Callback callback) {
		// Jetty reports a close frame without reason text as a null reason
		this.closes.add(statusCode + ":" + ((reason != null) ? reason : ""));
		this.events.add("close:" + statusCode);
		callback.succeed();
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		this.errors.add(cause);
		this.events.add("error:" + cause);
	}

}
