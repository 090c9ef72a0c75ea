package io.wsboot.streams;

import org.jspecify.annotations.Nullable;

/**
 * Observes what {@link WsStreams} does, such as the meters do. Methods run on the thread
 * that published or subscribed, so they must return quickly.
 *
 * @author wsboot
 */
public interface StreamListener {

	/**
	 * Called after a publication was appended to its stream's history and handed to the
	 * fan-out.
	 * @param publication the publication
	 */
	default void published(StreamPublication publication) {
	}

	/**
	 * Called after a session subscribed.
	 * @param subscription the answer it got
	 * @param since the position it resumed from, or {@code null} when it gave none
	 */
	default void subscribed(StreamSubscription subscription, @Nullable StreamPosition since) {
	}

}
