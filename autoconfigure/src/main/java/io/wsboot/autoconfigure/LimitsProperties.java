package io.wsboot.autoconfigure;

import java.time.Duration;

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

}
