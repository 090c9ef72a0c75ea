package io.wsboot.engine;

/**
 * What the engine does with a message that arrives while its session's message rate
 * ({@link WsLimits#maxMessagesPerSecond()}, {@link WsLimits#messageBurst()}) is used up.
 *
 * @author wsboot
 */
public enum MessageRatePolicy {

	/** Close the session with 1008 (policy violation). */
	CLOSE,

	/** Discard the message without passing it to the handler, and count it. */
	DROP

}
