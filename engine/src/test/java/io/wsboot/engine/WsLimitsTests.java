package io.wsboot.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Tests for {@link WsLimits}.
 */
class WsLimitsTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		assertThat(WsLimits.DEFAULTS)
			.isEqualTo(new WsLimits(1024 * 1024, 1024 * 1024, 8 * 1024, 4 * 1024 * 1024, SlowConsumerPolicy.CLOSE,
					Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ZERO));
		assertThat(WsLimits.builder().build()).isEqualTo(WsLimits.DEFAULTS);
	}

	@Test
	void builderSetsEveryLimitByName() {
		WsLimits limits = WsLimits.builder()
			.maxFramePayloadBytes(1)
			.maxMessageBytes(2)
			.maxHandshakeHeadBytes(3)
			.maxOutboundQueueBytes(4)
			.slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST)
			.handshakeTimeout(Duration.ofSeconds(5))
			.idleTimeout(Duration.ofSeconds(6))
			.closeTimeout(Duration.ofSeconds(7))
			.pingInterval(Duration.ofSeconds(8))
			.build();
		assertThat(limits).isEqualTo(new WsLimits(1, 2, 3, 4, SlowConsumerPolicy.DROP_OLDEST, Duration.ofSeconds(5),
				Duration.ofSeconds(6), Duration.ofSeconds(7), Duration.ofSeconds(8)));
		assertThat(limits.toBuilder().build()).isEqualTo(limits);
	}

	@Test
	void withersChangeOnlyTheirLimits() {
		WsLimits limits = WsLimits.DEFAULTS.withMaxFramePayloadBytes(10)
			.withMaxMessageBytes(20)
			.withOutboundQueue(30, SlowConsumerPolicy.DROP_NEWEST)
			.withTimeouts(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(3));
		assertThat(limits).isEqualTo(WsLimits.builder()
			.maxFramePayloadBytes(10)
			.maxMessageBytes(20)
			.maxOutboundQueueBytes(30)
			.slowConsumerPolicy(SlowConsumerPolicy.DROP_NEWEST)
			.handshakeTimeout(Duration.ofSeconds(1))
			.idleTimeout(Duration.ZERO)
			.closeTimeout(Duration.ofSeconds(2))
			.pingInterval(Duration.ofSeconds(3))
			.build());
	}

	@Test
	void sizesMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> WsLimits.builder().maxFramePayloadBytes(0).build())
			.withMessage("maxFramePayloadBytes must be positive but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> WsLimits.builder().maxMessageBytes(-1).build())
			.withMessage("maxMessageBytes must be positive but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> WsLimits.builder().maxHandshakeHeadBytes(0).build())
			.withMessage("maxHandshakeHeadBytes must be positive but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> WsLimits.builder().maxOutboundQueueBytes(0).build())
			.withMessage("maxOutboundQueueBytes must be positive but was 0");
	}

	@Test
	void messageMustFitInAnArray() {
		assertThat(WsLimits.builder().maxMessageBytes(Integer.MAX_VALUE - 8).build().maxMessageBytes())
			.isEqualTo(Integer.MAX_VALUE - 8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WsLimits.builder().maxMessageBytes(Integer.MAX_VALUE - 7).build())
			.withMessage("maxMessageBytes must be at most 2147483639 but was 2147483640");
	}

	@Test
	void timeoutsThatCannotBeZeroMustBePositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WsLimits.builder().handshakeTimeout(Duration.ZERO).build())
			.withMessage("handshakeTimeout must be positive but was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WsLimits.builder().closeTimeout(Duration.ofSeconds(-1)).build())
			.withMessage("closeTimeout must be positive but was PT-1S");
	}

	@Test
	void timeoutsThatZeroDisablesMustNotBeNegative() {
		assertThat(WsLimits.builder().idleTimeout(Duration.ZERO).pingInterval(Duration.ZERO).build()).isNotNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WsLimits.builder().idleTimeout(Duration.ofSeconds(-1)).build())
			.withMessage("idleTimeout must not be negative but was PT-1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WsLimits.builder().pingInterval(Duration.ofSeconds(-1)).build())
			.withMessage("pingInterval must not be negative but was PT-1S");
	}

	@Test
	void slowConsumerPolicyIsRequired() {
		assertThatNullPointerException().isThrownBy(() -> WsLimits.builder().slowConsumerPolicy(null).build())
			.withMessage("slowConsumerPolicy");
	}

}
