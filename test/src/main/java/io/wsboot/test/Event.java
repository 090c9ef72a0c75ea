package io.wsboot.test;

import io.wsboot.test.WsTestClient.Closed;
import io.wsboot.test.WsTestClient.Message;

/**
 * Something a {@link WsTestClient} received: a complete message, the server's close
 * frame, or the failure of the connection.
 *
 * @author wsboot
 */
sealed interface Event permits Message, Closed, Event.Failure {

	/**
	 * The connection failed.
	 *
	 * @param error what the JDK client reported
	 */
	record Failure(Throwable error) implements Event {

	}

}
