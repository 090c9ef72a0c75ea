package io.wsboot.engine;

/**
 * What the engine does when a connection's outbound queue would grow past
 * {@link WsLimits#maxOutboundQueueBytes()} because its client reads too slowly.
 *
 * @author wsboot
 */
public enum SlowConsumerPolicy {

	/**
	 * Close the connection with 1013 (try again later); queued messages are reported
	 * CLOSED.
	 */
	CLOSE,

	/** Discard the message being sent; it is reported DROPPED. */
	DROP_NEWEST,

	/** Discard the oldest queued messages not yet started until the new one fits. */
	DROP_OLDEST

}
