package io.wsboot.engine;

/**
 * What became of an outbound message, as reported by an asynchronous send.
 *
 * @author wsboot
 */
public enum SendResult {

	/** The whole frame was written to the socket. */
	SENT,

	/** The message was discarded by the slow-consumer policy and never written. */
	DROPPED,

	/** The connection was closed before the message could be written. */
	CLOSED

}
