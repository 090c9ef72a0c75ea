package io.wsboot.engine.testclient;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsSession;

/**
 * A handler that records what the engine reports (sessions, close statuses, errors) and,
 * when asked, echoes every message back as it arrived: text with
 * {@link WsSession#sendText}, binary with {@link WsSession#sendBinary}.
 *
 * @author wsboot
 */
public class RecordingHandler implements WsHandler {

	/** Longest wait for an event the engine should report. */
	public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(5);

	private final boolean echo;

	private final BlockingQueue<WsSession> opened = new LinkedBlockingQueue<>();

	private final BlockingQueue<CloseStatus> closed = new LinkedBlockingQueue<>();

	private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

	private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	/**
	 * Create a handler.
	 * @param echo whether to echo data messages
	 */
	public RecordingHandler(boolean echo) {
		this.echo = echo;
	}

	/**
	 * Create an echoing handler.
	 * @return the handler
	 */
	public static RecordingHandler echo() {
		return new RecordingHandler(true);
	}

	@Override
	public void onOpen(WsSession session) {
		this.opened.add(session);
	}

	@Override
	public void onText(WsSession session, String text) {
		if (this.echo) {
			session.sendText(text);
		}
	}

	@Override
	public void onBinary(WsSession session, ByteBuffer data) {
		if (this.echo) {
			session.sendBinary(data);
		}
	}

	@Override
	public void onPong(WsSession session, ByteBuffer payload) {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		this.pongs.add(bytes);
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		this.closed.add(status);
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		this.errors.add(error);
	}

	/**
	 * Wait for the next session to open.
	 * @return the session
	 */
	public WsSession awaitOpen() {
		return await(this.opened, "onOpen");
	}

	/**
	 * Wait for the next session to close.
	 * @return the status passed to {@code onClose}
	 */
	public CloseStatus awaitClose() {
		return await(this.closed, "onClose");
	}

	/**
	 * Wait for the next error reported to {@code onError}.
	 * @return the error
	 */
	public Throwable awaitError() {
		return await(this.errors, "onError");
	}

	/**
	 * Wait for the next pong reported to {@code onPong}.
	 * @return the pong's payload
	 */
	public byte[] awaitPong() {
		return await(this.pongs, "onPong");
	}

	private static <T> T await(BlockingQueue<T> queue, String event) {
		try {
			T item = queue.poll(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (item == null) {
				throw new AssertionError(event + " not called within " + EVENT_TIMEOUT);
			}
			return item;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for " + event, ex);
		}
	}

}
