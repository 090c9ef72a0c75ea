package io.wsboot.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and timeouts that apply to one connection, secure by default.
 *
 * <p>
 * Defaults ({@link #DEFAULTS}):
 * <ul>
 * <li>{@code maxFramePayloadBytes}: 1 MiB (1048576) — a frame's declared length is
 * checked against it before any buffer is allocated;</li>
 * <li>{@code maxMessageBytes}: 1 MiB (1048576) — continuation frames count toward it,
 * exceeding it closes with 1009;</li>
 * <li>{@code maxHandshakeHeadBytes}: 8 KiB (8192) — a longer request head is answered
 * with 431;</li>
 * <li>{@code maxOutboundQueueBytes}: 4 MiB (4194304) — bytes queued for a slow client
 * before {@code slowConsumerPolicy} applies;</li>
 * <li>{@code slowConsumerPolicy}: {@link SlowConsumerPolicy#CLOSE};</li>
 * <li>{@code handshakeTimeout}: 10 s — from TCP accept to a complete upgrade
 * request;</li>
 * <li>{@code idleTimeout}: 5 min — no frame received for that long closes with 1001; zero
 * disables it;</li>
 * <li>{@code closeTimeout}: 5 s — how long to wait for the peer's close reply;</li>
 * <li>{@code pingInterval}: zero (disabled) — how often to ping an otherwise quiet
 * connection;</li>
 * <li>{@code maxMessagesPerSecond}: zero (no limit) — the steady rate of data messages a
 * client may send, enforced by a token bucket;</li>
 * <li>{@code messageBurst}: zero (one second's worth, {@code maxMessagesPerSecond}) — the
 * bucket's size, how many messages may arrive at once after a quiet spell;</li>
 * <li>{@code messageRatePolicy}: {@link MessageRatePolicy#CLOSE} — close with 1008 or
 * drop the message once the bucket is empty.</li>
 * </ul>
 *
 * @param maxFramePayloadBytes maximum payload of a single frame
 * @param maxMessageBytes maximum size of a reassembled (and decompressed) message
 * @param maxHandshakeHeadBytes maximum size of the HTTP upgrade request head
 * @param maxOutboundQueueBytes maximum bytes queued for sending on one connection
 * @param slowConsumerPolicy what to do when the outbound queue is full
 * @param handshakeTimeout time allowed for the opening handshake
 * @param idleTimeout time without any inbound frame before the connection is closed
 * @param closeTimeout time allowed for the peer to answer a close frame
 * @param pingInterval interval of keep-alive pings, zero to disable
 * @param maxMessagesPerSecond steady rate of inbound data messages per session, zero for
 * no limit
 * @param messageBurst messages that may arrive at once above the steady rate, zero for
 * {@code maxMessagesPerSecond}
 * @param messageRatePolicy what to do with a message over the rate
 * @author wsboot
 */
public record WsLimits(long maxFramePayloadBytes, long maxMessageBytes, int maxHandshakeHeadBytes,
		long maxOutboundQueueBytes, SlowConsumerPolicy slowConsumerPolicy, Duration handshakeTimeout,
		Duration idleTimeout, Duration closeTimeout, Duration pingInterval, int maxMessagesPerSecond, int messageBurst,
		MessageRatePolicy messageRatePolicy) {

	/** Default maximum frame payload: 1 MiB. */
	public static final long DEFAULT_MAX_FRAME_PAYLOAD_BYTES = 1024 * 1024;

	/** Default maximum message size: 1 MiB. */
	public static final long DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

	/** Default maximum request head: 8 KiB. */
	public static final int DEFAULT_MAX_HANDSHAKE_HEAD_BYTES = 8 * 1024;

	/** Default maximum outbound queue: 4 MiB. */
	public static final long DEFAULT_MAX_OUTBOUND_QUEUE_BYTES = 4 * 1024 * 1024;

	/** Default slow-consumer policy: close the connection. */
	public static final SlowConsumerPolicy DEFAULT_SLOW_CONSUMER_POLICY = SlowConsumerPolicy.CLOSE;

	/** Default handshake timeout: 10 seconds. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** Default idle timeout: 5 minutes. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

	/** Default close timeout: 5 seconds. */
	public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/** Default ping interval: zero, no keep-alive pings. */
	public static final Duration DEFAULT_PING_INTERVAL = Duration.ZERO;

	/** Default inbound message rate: zero, no limit. */
	public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 0;

	/** Default message burst: zero, one second's worth of the rate. */
	public static final int DEFAULT_MESSAGE_BURST = 0;

	/** Default policy over the message rate: close with 1008. */
	public static final MessageRatePolicy DEFAULT_MESSAGE_RATE_POLICY = MessageRatePolicy.CLOSE;

	/** The defaults listed in the class description. */
	public static final WsLimits DEFAULTS = new Builder().build();

	/**
	 * Create limits, rejecting values that cannot work; {@link #builder()} names each
	 * value.
	 * @param maxFramePayloadBytes maximum payload of a single frame
	 * @param maxMessageBytes maximum size of a reassembled message
	 * @param maxHandshakeHeadBytes maximum size of the HTTP upgrade request head
	 * @param maxOutboundQueueBytes maximum bytes queued for sending on one connection
	 * @param slowConsumerPolicy what to do when the outbound queue is full
	 * @param handshakeTimeout time allowed for the opening handshake
	 * @param idleTimeout time without any inbound frame before the connection is closed
	 * @param closeTimeout time allowed for the peer to answer a close frame
	 * @param pingInterval interval of keep-alive pings, zero to disable
	 * @param maxMessagesPerSecond steady rate of inbound data messages, zero for no limit
	 * @param messageBurst the token bucket's size, zero for {@code maxMessagesPerSecond}
	 * @param messageRatePolicy what to do with a message over the rate
	 */
	public WsLimits {
		requirePositive("maxFramePayloadBytes", maxFramePayloadBytes);
		requirePositive("maxMessageBytes", maxMessageBytes);
		// RFC 6455 §5.2: a frame length never exceeds 2^63 - 1 and arrays cap at 2^31 - 8
		if (maxMessageBytes > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(
					"maxMessageBytes must be at most " + (Integer.MAX_VALUE - 8) + " but was " + maxMessageBytes);
		}
		requirePositive("maxHandshakeHeadBytes", maxHandshakeHeadBytes);
		requirePositive("maxOutboundQueueBytes", maxOutboundQueueBytes);
		Objects.requireNonNull(slowConsumerPolicy, "slowConsumerPolicy");
		requirePositive("handshakeTimeout", handshakeTimeout);
		requireNotNegative("idleTimeout", idleTimeout);
		requirePositive("closeTimeout", closeTimeout);
		requireNotNegative("pingInterval", pingInterval);
		if (maxMessagesPerSecond < 0) {
			throw new IllegalArgumentException(
					"maxMessagesPerSecond must not be negative but was " + maxMessagesPerSecond);
		}
		if (messageBurst < 0) {
			throw new IllegalArgumentException("messageBurst must not be negative but was " + messageBurst);
		}
		Objects.requireNonNull(messageRatePolicy, "messageRatePolicy");
	}

	/**
	 * Create limits without a message rate limit, as before there was one.
	 * @param maxFramePayloadBytes maximum payload of a single frame
	 * @param maxMessageBytes maximum size of a reassembled message
	 * @param maxHandshakeHeadBytes maximum size of the HTTP upgrade request head
	 * @param maxOutboundQueueBytes maximum bytes queued for sending on one connection
	 * @param slowConsumerPolicy what to do when the outbound queue is full
	 * @param handshakeTimeout time allowed for the opening handshake
	 * @param idleTimeout time without any inbound frame before the connection is closed
	 * @param closeTimeout time allowed for the peer to answer a close frame
	 * @param pingInterval interval of keep-alive pings, zero to disable
	 */
	public WsLimits(long maxFramePayloadBytes, long maxMessageBytes, int maxHandshakeHeadBytes,
			long maxOutboundQueueBytes, SlowConsumerPolicy slowConsumerPolicy, Duration handshakeTimeout,
			Duration idleTimeout, Duration closeTimeout, Duration pingInterval) {
		this(maxFramePayloadBytes, maxMessageBytes, maxHandshakeHeadBytes, maxOutboundQueueBytes, slowConsumerPolicy,
				handshakeTimeout, idleTimeout, closeTimeout, pingInterval, DEFAULT_MAX_MESSAGES_PER_SECOND,
				DEFAULT_MESSAGE_BURST, DEFAULT_MESSAGE_RATE_POLICY);
	}

	/**
	 * Return the size of the message token bucket: {@link #messageBurst()}, or one
	 * second's worth of the rate when it is zero.
	 * @return messages, zero when there is no rate limit
	 */
	public int effectiveMessageBurst() {
		return (this.messageBurst > 0) ? this.messageBurst : this.maxMessagesPerSecond;
	}

	private static void requirePositive(String name, long value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
	}

	private static void requirePositive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
	}

	private static void requireNotNegative(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
	}

	/**
	 * Return a builder that starts from the {@linkplain #DEFAULTS defaults}.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from these limits.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Return a copy with another maximum frame payload.
	 * @param bytes the new limit
	 * @return the new limits
	 */
	public WsLimits withMaxFramePayloadBytes(long bytes) {
		return toBuilder().maxFramePayloadBytes(bytes).build();
	}

	/**
	 * Return a copy with another maximum message size.
	 * @param bytes the new limit
	 * @return the new limits
	 */
	public WsLimits withMaxMessageBytes(long bytes) {
		return toBuilder().maxMessageBytes(bytes).build();
	}

	/**
	 * Return a copy with another outbound queue limit and slow-consumer policy.
	 * @param bytes the new limit
	 * @param policy the new policy
	 * @return the new limits
	 */
	public WsLimits withOutboundQueue(long bytes, SlowConsumerPolicy policy) {
		return toBuilder().maxOutboundQueueBytes(bytes).slowConsumerPolicy(policy).build();
	}

	/**
	 * Return a copy with other timeouts.
	 * @param handshake the handshake timeout
	 * @param idle the idle timeout, zero to disable
	 * @param close the close timeout
	 * @param ping the ping interval, zero to disable
	 * @return the new limits
	 */
	public WsLimits withTimeouts(Duration handshake, Duration idle, Duration close, Duration ping) {
		return toBuilder().handshakeTimeout(handshake).idleTimeout(idle).closeTimeout(close).pingInterval(ping).build();
	}

	/**
	 * Return a copy with another inbound message rate limit.
	 * @param perSecond the steady rate, zero for no limit
	 * @param burst the bucket's size, zero for one second's worth
	 * @param policy what to do with a message over the rate
	 * @return the new limits
	 */
	public WsLimits withMessageRate(int perSecond, int burst, MessageRatePolicy policy) {
		return toBuilder().maxMessagesPerSecond(perSecond).messageBurst(burst).messageRatePolicy(policy).build();
	}

	/**
	 * Collects limits by name; {@link #build()} checks them. Not thread-safe.
	 */
	public static final class Builder {

		private long maxFramePayloadBytes = DEFAULT_MAX_FRAME_PAYLOAD_BYTES;

		private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

		private int maxHandshakeHeadBytes = DEFAULT_MAX_HANDSHAKE_HEAD_BYTES;

		private long maxOutboundQueueBytes = DEFAULT_MAX_OUTBOUND_QUEUE_BYTES;

		private SlowConsumerPolicy slowConsumerPolicy = DEFAULT_SLOW_CONSUMER_POLICY;

		private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

		private Duration pingInterval = DEFAULT_PING_INTERVAL;

		private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;

		private int messageBurst = DEFAULT_MESSAGE_BURST;

		private MessageRatePolicy messageRatePolicy = DEFAULT_MESSAGE_RATE_POLICY;

		private Builder() {
		}

		private Builder(WsLimits limits) {
			this.maxFramePayloadBytes = limits.maxFramePayloadBytes;
			this.maxMessageBytes = limits.maxMessageBytes;
			this.maxHandshakeHeadBytes = limits.maxHandshakeHeadBytes;
			this.maxOutboundQueueBytes = limits.maxOutboundQueueBytes;
			this.slowConsumerPolicy = limits.slowConsumerPolicy;
			this.handshakeTimeout = limits.handshakeTimeout;
			this.idleTimeout = limits.idleTimeout;
			this.closeTimeout = limits.closeTimeout;
			this.pingInterval = limits.pingInterval;
			this.maxMessagesPerSecond = limits.maxMessagesPerSecond;
			this.messageBurst = limits.messageBurst;
			this.messageRatePolicy = limits.messageRatePolicy;
		}

		/**
		 * Set the maximum payload of a single frame.
		 * @param bytes the limit, positive
		 * @return this builder
		 */
		public Builder maxFramePayloadBytes(long bytes) {
			this.maxFramePayloadBytes = bytes;
			return this;
		}

		/**
		 * Set the maximum size of a reassembled (and decompressed) message.
		 * @param bytes the limit, positive and at most {@code Integer.MAX_VALUE - 8}
		 * @return this builder
		 */
		public Builder maxMessageBytes(long bytes) {
			this.maxMessageBytes = bytes;
			return this;
		}

		/**
		 * Set the maximum size of the HTTP upgrade request head.
		 * @param bytes the limit, positive
		 * @return this builder
		 */
		public Builder maxHandshakeHeadBytes(int bytes) {
			this.maxHandshakeHeadBytes = bytes;
			return this;
		}

		/**
		 * Set the maximum bytes queued for sending on one connection.
		 * @param bytes the limit, positive
		 * @return this builder
		 */
		public Builder maxOutboundQueueBytes(long bytes) {
			this.maxOutboundQueueBytes = bytes;
			return this;
		}

		/**
		 * Set what to do when the outbound queue is full.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
			this.slowConsumerPolicy = policy;
			return this;
		}

		/**
		 * Set the time allowed for the opening handshake.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder handshakeTimeout(Duration timeout) {
			this.handshakeTimeout = timeout;
			return this;
		}

		/**
		 * Set the time without any inbound frame before the connection is closed.
		 * @param timeout the timeout, zero to disable
		 * @return this builder
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = timeout;
			return this;
		}

		/**
		 * Set the time allowed for the peer to answer a close frame.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder closeTimeout(Duration timeout) {
			this.closeTimeout = timeout;
			return this;
		}

		/**
		 * Set the interval of keep-alive pings on a quiet connection.
		 * @param interval the interval, zero to disable
		 * @return this builder
		 */
		public Builder pingInterval(Duration interval) {
			this.pingInterval = interval;
			return this;
		}

		/**
		 * Set the steady rate of data messages a client may send on one session.
		 * @param perSecond messages per second, zero for no limit
		 * @return this builder
		 */
		public Builder maxMessagesPerSecond(int perSecond) {
			this.maxMessagesPerSecond = perSecond;
			return this;
		}

		/**
		 * Set how many messages may arrive at once after a quiet spell: the size of the
		 * token bucket.
		 * @param burst messages, zero for one second's worth of the rate
		 * @return this builder
		 */
		public Builder messageBurst(int burst) {
			this.messageBurst = burst;
			return this;
		}

		/**
		 * Set what to do with a message over the rate.
		 * @param policy close with 1008 or drop it
		 * @return this builder
		 */
		public Builder messageRatePolicy(MessageRatePolicy policy) {
			this.messageRatePolicy = policy;
			return this;
		}

		/**
		 * Create the limits.
		 * @return the limits
		 * @throws IllegalArgumentException when a value cannot work, naming it
		 */
		public WsLimits build() {
			return new WsLimits(this.maxFramePayloadBytes, this.maxMessageBytes, this.maxHandshakeHeadBytes,
					this.maxOutboundQueueBytes, this.slowConsumerPolicy, this.handshakeTimeout, this.idleTimeout,
					this.closeTimeout, this.pingInterval, this.maxMessagesPerSecond, this.messageBurst,
					this.messageRatePolicy);
		}

	}

}
