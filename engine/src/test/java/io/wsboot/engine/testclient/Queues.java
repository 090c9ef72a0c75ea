package io.wsboot.engine.testclient;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiting for what a recorder collects, with a bound, so a missing event fails the test
 * instead of hanging it.
 *
 * @author wsboot
 */
public final class Queues {

	/** How long a test waits for an event it expects. */
	public static final Duration WAIT = Duration.ofSeconds(10);

	private Queues() {
	}

	/**
	 * Take the next item, failing the test if none arrives within {@link #WAIT}.
	 * @param <T> the item type
	 * @param queue where the item arrives
	 * @param what what the item is, for the failure message
	 * @return the item
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
		T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(item).as("%s within %s", what, WAIT).isNotNull();
		return item;
	}

}
