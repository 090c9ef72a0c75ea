package io.wsboot.autoconfigure;

import java.time.Duration;

import io.wsboot.engine.MessageRatePolicy;
import io.wsboot.engine.SlowConsumerPolicy;

import org.springframework.util.unit.DataSize;

/**
 * Limits and timeouts of every endpoint that does not override them
 * ({@code wsboot.limits.*}), mapped onto the engine's {@code WsLimits}.
 *
 * @author wsboot
 */
public class LimitsProperties {

	/**
	 * Maximum payload of a single frame.
	 */
	private DataSize maxFramePayloadSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum size of a reassembled message; a larger one closes with 1009.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum size of the HTTP upgrade request head; a larger one is answered with 431.
	 */
	private DataSize maxHandshakeHeadSize = DataSize.ofKilobytes(8);

	/**
	 * Maximum bytes queued for sending to one client before the slow-consumer policy
	 * applies.
	 */
	private DataSize maxOutboundQueueSize = DataSize.ofMegabytes(4);

	/**
	 * What to do when a client reads too slowly for its outbound queue.
	 */
	private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.CLOSE;

	/**
	 * Time allowed from TCP accept to a complete upgrade request.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Time without an inbound frame after which a session is closed with 1001; 0 disables
	 * it.
	 */
	private Duration idleTimeout = Duration.ofMinutes(5);

	/**
	 * Time allowed for the peer to answer a close frame.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	/**
	 * Interval of keep-alive pings on a quiet connection; 0 disables them.
	 */
	private Duration pingInterval = Duration.ZERO;

	/**
	 * Maximum number of sockets that have not completed their upgrade; past it a new
	 * socket takes the slot of the oldest silent one, or is closed at once.
	 */
	private int maxPendingHandshakes = 2048;

	/**
	 * Steady rate of data messages a client may send on one session (a token bucket); 0
	 * disables the limit.
	 */
	private int maxMessagesPerSecond = 0;

	/**
	 * Messages a client may send at once above the steady rate (the token bucket's size);
	 * 0 means one second's worth of max-messages-per-second.
	 */
	private int messageBurst = 0;

	/**
	 * What to do with a message over the rate: 'close' the session with 1008, or 'drop'
	 * the message and count it.
	 */
	private MessageRatePolicy messageRatePolicy = MessageRatePolicy.CLOSE;

	public DataSize getMaxFramePayloadSize() {
		return this.maxFramePayloadSize;
	}

	public void setMaxFramePayloadSize(DataSize maxFramePayloadSize) {
		this.maxFramePayloadSize = maxFramePayloadSize;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public DataSize getMaxHandshakeHeadSize() {
		return this.maxHandshakeHeadSize;
	}

	public void setMaxHandshakeHeadSize(DataSize maxHandshakeHeadSize) {
		this.maxHandshakeHeadSize = maxHandshakeHeadSize;
	}

	public DataSize getMaxOutboundQueueSize() {
		return this.maxOutboundQueueSize;
	}

	public void setMaxOutboundQueueSize(DataSize maxOutboundQueueSize) {
		this.maxOutboundQueueSize = maxOutboundQueueSize;
	}

	public SlowConsumerPolicy getSlowConsumerPolicy() {
		return this.slowConsumerPolicy;
	}

	public void setSlowConsumerPolicy(SlowConsumerPolicy slowConsumerPolicy) {
		this.slowConsumerPolicy = slowConsumerPolicy;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public int getMaxPendingHandshakes() {
		return this.maxPendingHandshakes;
	}

	public void setMaxPendingHandshakes(int maxPendingHandshakes) {
		this.maxPendingHandshakes = maxPendingHandshakes;
	}

	public int getMaxMessagesPerSecond() {
		return this.maxMessagesPerSecond;
	}

	public void setMaxMessagesPerSecond(int maxMessagesPerSecond) {
		this.maxMessagesPerSecond = maxMessagesPerSecond;
	}

	public int getMessageBurst() {
		return this.messageBurst;
	}

	public void setMessageBurst(int messageBurst) {
		this.messageBurst = messageBurst;
	}

	public MessageRatePolicy getMessageRatePolicy() {
		return this.messageRatePolicy;
	}

	public void setMessageRatePolicy(MessageRatePolicy messageRatePolicy) {
		this.messageRatePolicy = messageRatePolicy;
	}

}
