package io.wsboot.engine;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RejectionReason} and the reason of a {@link WsHandshakeException}.
 *
 * @author wsboot
 */
class RejectionReasonTests {

	@Test
	void tagValuesAreKebabCaseAndDistinct() {
		assertThat(Arrays.stream(RejectionReason.values()).map(RejectionReason::tagValue)).containsExactly(
				"bad-request", "unauthenticated", "forbidden", "origin-not-allowed", "not-found", "method-not-allowed",
				"version-not-supported", "head-too-large", "server-error", "connection-limit", "shutting-down",
				"other");
	}

	@Test
	void aStatusAloneGivesTheReasonOfThatStatus() {
		assertThat(new WsHandshakeException(404, "no endpoint").reason()).isEqualTo(RejectionReason.NOT_FOUND);
		assertThat(new WsHandshakeException(401, "no token").reason()).isEqualTo(RejectionReason.UNAUTHENTICATED);
		assertThat(new WsHandshakeException(418, "teapot").reason()).isEqualTo(RejectionReason.OTHER);
		for (RejectionReason reason : RejectionReason.values()) {
			if (reason != RejectionReason.OTHER && reason != RejectionReason.ORIGIN_NOT_ALLOWED
					&& reason != RejectionReason.SHUTTING_DOWN) {
				assertThat(RejectionReason.forStatus(reason.httpStatus())).isEqualTo(reason);
			}
		}
	}

	@Test
	void aReasonGivesItsUsualStatusUnlessOneIsGiven() {
		WsHandshakeException draining = new WsHandshakeException(RejectionReason.SHUTTING_DOWN, "shutting down");
		assertThat(draining.httpStatus()).isEqualTo(503);
		assertThat(draining.reason()).isEqualTo(RejectionReason.SHUTTING_DOWN);
		WsHandshakeException forbidden = new WsHandshakeException(RejectionReason.FORBIDDEN, 404, "hidden",
				java.util.Map.of());
		assertThat(forbidden.httpStatus()).isEqualTo(404);
		assertThat(forbidden.reason()).isEqualTo(RejectionReason.FORBIDDEN);
	}

}
