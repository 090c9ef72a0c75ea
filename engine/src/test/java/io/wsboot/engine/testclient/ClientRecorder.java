package io.wsboot.engine.testclient;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a third-party WebSocket client received from the server: whole messages, pongs,
 * the close and errors, both by kind and in one ordered event stream. The subclasses
 * adapt one client library's listener API.
 *
 * @author wsboot
 */
public abstract class ClientRecorder {

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

	/**
	 * Record a whole text message.
	 * @param message the message
	 */
	protected final void recordText(String message) {
		this.texts.add(message);
		this.events.add("text:" + message);
	}

	/**
	 * Record a whole binary message.
	 * @param message the message
	 */
	protected final void recordBinary(byte[] message) {
		this.binaries.add(message);
		this.events.add("binary:" + message.length + ":" + Arrays.hashCode(message));
	}

	/**
	 * Record a pong.
	 * @param payload its application data
	 */
	protected final void recordPong(byte[] payload) {
		this.pongs.add(payload);
	}

	/**
	 * Record the close the client received.
	 * @param code the status code
	 * @param reason the reason, empty when none
	 */
	protected final void recordClose(int code, String reason) {
		this.closes.add(code + ":" + reason);
		this.events.add("close:" + code + ":" + reason);
	}

	/**
	 * Record an error the client reported.
	 * @param error the error
	 */
	protected final void recordError(Throwable error) {
		this.errors.add(error);
	}

}
