package io.wsboot.benchmarks.load;

import java.time.Duration;

/**
 * An echo scenario: {@code connections} connections each keep {@code inFlight} messages
 * of {@code payloadBytes} bytes outstanding, for a warm-up then a measured period, or
 * until {@code maxMessages} have been sent.
 *
 * @param connections the number of connections
 * @param inFlight messages outstanding per connection
 * @param payloadBytes the payload size of each message
 * @param text whether messages are text or binary
 * @param warmup time before measuring
 * @param measure time measured
 * @param maxMessages most messages sent in all, warm-up included
 * @author wsboot
 */
public record EchoSpec(int connections, int inFlight, int payloadBytes, boolean text, Duration warmup, Duration measure,
		long maxMessages) {

	/**
	 * Validate the scenario.
	 * @param connections the number of connections
	 * @param inFlight messages outstanding per connection
	 * @param payloadBytes the payload size
	 * @param text whether messages are text
	 * @param warmup time before measuring
	 * @param measure time measured
	 * @param maxMessages most messages sent in all
	 */
	public EchoSpec {
		if (connections < 1 || inFlight < 1 || payloadBytes < 1 || maxMessages < 1) {
			throw new IllegalArgumentException("connections, inFlight, payloadBytes and maxMessages must be positive");
		}
	}

}
