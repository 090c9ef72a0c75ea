package io.wsboot.test;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Sends the frames of a {@link WsTestClient} one at a time, as the JDK's
 * {@link WebSocket} requires, and waits until each was written, failing with an
 * {@link AssertionError} that says what could not be sent.
 *
 * @author wsboot
 */
final class Outbox {

	private final WebSocket webSocket;

	private final Duration timeout;

	private final Object lock = new Object();

	/**
	 * Create the outbox of a connection.
	 * @param webSocket the connection
	 * @param timeout how long to wait for each write
	 */
	Outbox(WebSocket webSocket, Duration timeout) {
		this.webSocket = webSocket;
		this.timeout = timeout;
	}

	/**
	 * Send a frame and wait until it was written.
	 * @param send starts sending the frame
	 * @param what what is sent, such as {@code "sending a ping"}, for the error message
	 */
	void send(Function<WebSocket, CompletableFuture<?>> send, String what) {
		synchronized (this.lock) {
			await(send.apply(this.webSocket), what);
		}
	}

	/**
	 * Send a close frame, unless one was sent already, and wait until it was written.
	 * @param code the close code
	 * @param reason the reason
	 */
	void sendClose(int code, String reason) {
		synchronized (this.lock) {
			if (!this.webSocket.isOutputClosed()) {
				await(this.webSocket.sendClose(code, reason), "sending a close frame");
			}
		}
	}

	private void await(CompletableFuture<?> future, String what) {
		try {
			future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("failed " + what, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("timed out " + what + " after " + this.timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted " + what, ex);
		}
	}

}
