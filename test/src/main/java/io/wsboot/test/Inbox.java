package io.wsboot.test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.test.Event.Failure;
import io.wsboot.test.WsTestClient.Closed;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link WsTestClient} received and has not yet taken, in order of arrival, with
 * pongs apart: filled by the {@link Receiver} on the JDK's thread, taken with timeouts by
 * the test's thread, which is told in an {@link AssertionError} what arrived instead.
 *
 * @author wsboot
 */
final class Inbox {

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	/** The server's close frame, once taken: nothing can arrive after it. */
	private volatile @Nullable Closed closed;

	/**
	 * Queue an event; also to put back one that was taken but not wanted.
	 * @param event the event
	 */
	void add(Event event) {
		this.events.add(event);
	}

	/**
	 * Queue the application data of a pong.
	 * @param data the data
	 */
	void addPong(byte[] data) {
		this.pongs.add(data);
	}

	/**
	 * Whether the server's close frame has been taken.
	 * @return {@code true} once closed
	 */
	boolean isClosed() {
		return this.closed != null;
	}

	/**
	 * Take the next event.
	 * @param timeout how long to wait
	 * @param what what is awaited, for the message of the assertion error
	 * @return the event
	 * @throws AssertionError when nothing arrives in time
	 */
	Event take(Duration timeout, String what) {
		Event event = takeOrNull(timeout);
		if (event == null) {
			throw new AssertionError("no " + what + " within " + timeout);
		}
		return event;
	}

	/**
	 * Take the next event, or the close frame again once it was taken.
	 * @param timeout how long to wait
	 * @return the event, or {@code null} when nothing arrived in time
	 */
	@Nullable Event takeOrNull(Duration timeout) {
		try {
			Closed closed = this.closed;
			// once closed nothing else can arrive: do not wait for the timeout
			Event event = (closed != null) ? this.events.poll()
					: this.events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (event instanceof Closed received) {
				this.closed = received;
			}
			if (event == null && closed != null) {
				return closed;
			}
			return event;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

	/**
	 * Take the next pong.
	 * @param timeout how long to wait
	 * @return the pong's application data
	 * @throws AssertionError when no pong arrives in time
	 */
	byte[] takePong(Duration timeout) {
		try {
			byte[] pong = this.pongs.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
			if (pong == null) {
				throw new AssertionError("no pong within " + timeout);
			}
			return pong;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted while waiting for a pong", ex);
		}
	}

	/**
	 * Describe an event that arrived instead of what was awaited.
	 * @param event the event
	 * @param what what was awaited
	 * @return the error to throw
	 */
	static AssertionError unexpected(Event event, String what) {
		if (event instanceof Closed closed) {
			return new AssertionError("expected " + what + " but the connection was closed with " + closed);
		}
		if (event instanceof Failure failure) {
			return new AssertionError("expected " + what + " but the connection failed", failure.error());
		}
		return new AssertionError("expected " + what + " but received " + event);
	}

}
