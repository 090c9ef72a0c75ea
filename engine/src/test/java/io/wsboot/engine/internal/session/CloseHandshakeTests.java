package io.wsboot.engine.internal.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.internal.session.CloseHandshake.Action;
import io.wsboot.engine.internal.session.CloseHandshake.Decision;
import io.wsboot.engine.internal.session.CloseHandshake.Event;
import io.wsboot.engine.internal.session.CloseHandshake.State;
import io.wsboot.engine.internal.session.MessageAssemblerTests.RecordingListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CloseHandshake}, driven by events alone, without a socket (RFC 6455
 * §5.5.1, §7).
 */
class CloseHandshakeTests {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final long TIMEOUT_NANOS = CLOSE_TIMEOUT.toNanos();

	/** An arbitrary start of the clock, as {@link System#nanoTime()} may be negative. */
	private static final long START_NANOS = -1_000_000L;

	private static final CloseStatus BYE = CloseStatus.NORMAL.withReason("bye");

	private static final CloseStatus SLOW = new CloseStatus(1013, "client reads too slowly");

	private final CloseHandshake close = new CloseHandshake(CLOSE_TIMEOUT);

	private Decision on(Event event) {
		return on(event, null);
	}

	private Decision on(Event event, @Nullable CloseStatus status) {
		return this.close.on(event, status, START_NANOS);
	}

	private static Decision decision(Action action, CloseStatus status) {
		return new Decision(action, status);
	}

	@Nested
	@DisplayName("RFC 6455 §7.1.2 the server starts the close handshake (Autobahn 7.1.x)")
	class ServerStarts {

		@Test
		void localCloseSendsItsStatus() {
			assertThat(on(Event.LOCAL_CLOSE, BYE)).isEqualTo(decision(Action.SEND_CLOSE, BYE));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSE_SENT);
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.SERVER);
			assertThat(CloseHandshakeTests.this.close.status()).isEqualTo(BYE);
		}

		@Test
		void peerDataIsStillReadUntilItsCloseFrame() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(CloseHandshakeTests.this.close.isInputOpen()).isTrue();
		}

		@Test
		void writingOurCloseFrameWaitsForThePeer() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.NONE, BYE));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSE_SENT);
		}

		@Test
		void peerCloseCompletesTheHandshakeAndTcpClosesOnceFlushed() {
			on(Event.LOCAL_CLOSE, CloseStatus.GOING_AWAY);
			// the session reports the status it sent, not the answer
			assertThat(on(Event.CLOSE_RECEIVED, CloseStatus.NORMAL))
				.isEqualTo(decision(Action.FLUSH, CloseStatus.GOING_AWAY));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSE_ANSWERED);
			assertThat(CloseHandshakeTests.this.close.isInputOpen()).isFalse();
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.FINISH, CloseStatus.GOING_AWAY));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSED);
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.SERVER);
		}

		@Test
		void secondLocalCloseSendsNothing() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(on(Event.LOCAL_CLOSE, CloseStatus.INTERNAL_ERROR)).isEqualTo(decision(Action.NONE, BYE));
			assertThat(CloseHandshakeTests.this.close.status()).isEqualTo(BYE);
		}

		@Test
		void peerClosingTcpWithoutAnswerFinishesWithOurStatus() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(on(Event.END_OF_STREAM)).isEqualTo(decision(Action.FINISH, BYE));
		}

		@Test
		void protocolErrorWhileWaitingForTheAnswerFinishesWithOurStatus() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(on(Event.PROTOCOL_ERROR, CloseStatus.PROTOCOL_ERROR)).isEqualTo(decision(Action.FINISH, BYE));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSED);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.1, §7.1.1 the client starts the close handshake (Autobahn 7.1.x, 7.3.x)")
	class ClientStarts {

		@Test
		void closeFrameIsEchoedWithItsStatus() {
			CloseStatus received = CloseStatus.GOING_AWAY.withReason("tab closed");
			assertThat(on(Event.CLOSE_RECEIVED, received)).isEqualTo(decision(Action.SEND_CLOSE, received));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSE_RECEIVED);
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.CLIENT);
		}

		@Test
		void closeFrameWithoutStatusIsEchoedWithout() {
			// RFC 6455 §7.1.5: reported as 1005, which CloseFrames sends as an empty body
			assertThat(on(Event.CLOSE_RECEIVED, CloseStatus.NO_STATUS))
				.isEqualTo(decision(Action.SEND_CLOSE, CloseStatus.NO_STATUS));
		}

		@Test
		void serverClosesTcpOnceItsCloseFrameIsWritten() {
			on(Event.CLOSE_RECEIVED, BYE);
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.FINISH, BYE));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSED);
		}

		@Test
		void dataAfterTheCloseFrameIsNotRead() {
			on(Event.CLOSE_RECEIVED, BYE);
			assertThat(CloseHandshakeTests.this.close.isInputOpen()).isFalse();
		}

		@Test
		void secondCloseFrameCannotArrive() {
			on(Event.CLOSE_RECEIVED, BYE);
			assertThatIllegalStateException().isThrownBy(() -> on(Event.CLOSE_RECEIVED, CloseStatus.GOING_AWAY))
				.withMessage("connection cannot take CLOSE_RECEIVED in state CLOSE_RECEIVED");
			assertThat(CloseHandshakeTests.this.close.status()).isEqualTo(BYE);
		}

		@Test
		void protocolErrorAfterTheCloseFrameCannotHappen() {
			on(Event.CLOSE_RECEIVED, BYE);
			assertThatIllegalStateException().isThrownBy(() -> on(Event.PROTOCOL_ERROR, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void localCloseAfterTheCloseFrameSendsNothing() {
			on(Event.CLOSE_RECEIVED, BYE);
			assertThat(on(Event.LOCAL_CLOSE, CloseStatus.GOING_AWAY)).isEqualTo(decision(Action.NONE, BYE));
			assertThat(on(Event.SLOW_CONSUMER)).isEqualTo(decision(Action.NONE, BYE));
		}

		@Test
		void peerClosingTcpBeforeOurCloseIsWrittenFinishes() {
			on(Event.CLOSE_RECEIVED, BYE);
			assertThat(on(Event.END_OF_STREAM)).isEqualTo(decision(Action.FINISH, BYE));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7.1.7 failing the connection (Autobahn 5.x, 6.x, 9.x)")
	class Failing {

		@ParameterizedTest(name = "close code {0}")
		@ValueSource(ints = { 1002, 1007, 1009 })
		void protocolErrorSendsTheStatusOfTheViolation(int code) {
			CloseStatus violation = new CloseStatus(code, "");
			assertThat(on(Event.PROTOCOL_ERROR, violation)).isEqualTo(decision(Action.SEND_CLOSE, violation));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.FAILED);
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.SERVER);
			assertThat(CloseHandshakeTests.this.close.isInputOpen()).isFalse();
		}

		@Test
		void outputIsShutOnceTheCloseFrameIsWritten() {
			on(Event.PROTOCOL_ERROR, CloseStatus.PROTOCOL_ERROR);
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.SHUT_OUTPUT, CloseStatus.PROTOCOL_ERROR));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.OUTPUT_SHUT);
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void peerClosingTcpAfterTheShutFinishes() {
			on(Event.PROTOCOL_ERROR, CloseStatus.INVALID_PAYLOAD);
			on(Event.OUTPUT_FLUSHED);
			assertThat(on(Event.END_OF_STREAM)).isEqualTo(decision(Action.FINISH, CloseStatus.INVALID_PAYLOAD));
		}

		@Test
		void frameAfterTheFailureCannotArrive() {
			on(Event.PROTOCOL_ERROR, CloseStatus.PROTOCOL_ERROR);
			assertThatIllegalStateException().isThrownBy(() -> on(Event.CLOSE_RECEIVED, BYE))
				.withMessage("connection cannot take CLOSE_RECEIVED in state FAILED");
			assertThatIllegalStateException().isThrownBy(() -> on(Event.PROTOCOL_ERROR, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void localCloseAfterTheFailureSendsNothing() {
			on(Event.PROTOCOL_ERROR, CloseStatus.MESSAGE_TOO_BIG);
			assertThat(on(Event.LOCAL_CLOSE, CloseStatus.INTERNAL_ERROR))
				.isEqualTo(decision(Action.NONE, CloseStatus.MESSAGE_TOO_BIG));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7.1.7 failing the connection while earlier messages are handled")
	class FailingWhileHandling {

		@Test
		void closeFrameWaitsUntilTheMessagesAreHandled() {
			assertThat(on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR))
				.isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.FAILING);
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.SERVER);
			// RFC 6455 §7.1.7: nothing more is read from a failed connection
			assertThat(CloseHandshakeTests.this.close.isInputOpen()).isFalse();
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			assertThat(on(Event.MESSAGES_HANDLED)).isEqualTo(decision(Action.SEND_CLOSE, CloseStatus.PROTOCOL_ERROR));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.FAILED);
		}

		@Test
		void thenFailsAsAnyFailedConnection() {
			on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR);
			on(Event.MESSAGES_HANDLED);
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.SHUT_OUTPUT, CloseStatus.PROTOCOL_ERROR));
			assertThat(on(Event.END_OF_STREAM)).isEqualTo(decision(Action.FINISH, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void slowHandlerCannotHoldTheCloseFramePastTheCloseTimeout() {
			on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR);
			assertThat(CloseHandshakeTests.this.close.on(Event.TIMEOUT_CHECK, null, START_NANOS + TIMEOUT_NANOS))
				.isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			long late = START_NANOS + TIMEOUT_NANOS + 1;
			assertThat(CloseHandshakeTests.this.close.on(Event.TIMEOUT_CHECK, null, late))
				.isEqualTo(decision(Action.SEND_CLOSE, CloseStatus.PROTOCOL_ERROR));
			// RFC 6455 §5.5.1: one close frame, whatever the handler does later
			assertThat(on(Event.MESSAGES_HANDLED)).isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			// the peer gets a close timeout of its own to answer
			assertThat(CloseHandshakeTests.this.close.on(Event.TIMEOUT_CHECK, null, late + TIMEOUT_NANOS))
				.isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			assertThat(CloseHandshakeTests.this.close.on(Event.TIMEOUT_CHECK, null, late + TIMEOUT_NANOS + 1))
				.isEqualTo(decision(Action.FINISH, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void localCloseMeanwhileSendsNothing() {
			on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR);
			assertThat(on(Event.LOCAL_CLOSE, CloseStatus.GOING_AWAY))
				.isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			assertThat(on(Event.SLOW_CONSUMER)).isEqualTo(decision(Action.NONE, CloseStatus.PROTOCOL_ERROR));
			assertThat(on(Event.MESSAGES_HANDLED)).isEqualTo(decision(Action.SEND_CLOSE, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void peerClosingTcpMeanwhileFinishes() {
			on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR);
			assertThat(on(Event.END_OF_STREAM)).isEqualTo(decision(Action.FINISH, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void frameMeanwhileCannotArrive() {
			on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR);
			assertThatIllegalStateException().isThrownBy(() -> on(Event.CLOSE_RECEIVED, BYE))
				.withMessage("connection cannot take CLOSE_RECEIVED in state FAILING");
		}

		@Test
		void afterOurCloseFrameFinishesAsAPlainProtocolError() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(on(Event.PROTOCOL_ERROR_WHILE_HANDLING, CloseStatus.PROTOCOL_ERROR))
				.isEqualTo(decision(Action.FINISH, BYE));
		}

		@Test
		void messagesHandledWhileOpenDoesNothing() {
			assertThat(on(Event.MESSAGES_HANDLED)).isEqualTo(decision(Action.NONE, CloseStatus.ABNORMAL));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.OPEN);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.4 a close frame between the fragments of a message (Autobahn 5.x)")
	class DuringAFragmentedMessage {

		private final RecordingListener listener = new RecordingListener();

		private final MessageAssembler assembler = new MessageAssembler(1024, this.listener);

		/** Feed a text fragment, as the connection does only while input is open. */
		private void receive(boolean fin, OpCode opCode, String text) {
			if (!CloseHandshakeTests.this.close.isInputOpen()) {
				return;
			}
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			this.assembler.frameStart(fin, 0, opCode, bytes.length);
			this.assembler.payload(ByteBuffer.wrap(bytes));
			this.assembler.frameEnd();
		}

		@Test
		void peerCloseEndsTheMessageUndeliveredAndIsEchoed() {
			receive(false, OpCode.TEXT, "Hel");
			// RFC 6455 §5.5: control frames may be injected between fragments
			assertThat(on(Event.CLOSE_RECEIVED, BYE)).isEqualTo(decision(Action.SEND_CLOSE, BYE));
			receive(true, OpCode.CONTINUATION, "lo");
			assertThat(this.listener.messages).isEmpty();
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.FINISH, BYE));
		}

		@Test
		void ourCloseLetsThePeerFinishTheMessage() {
			receive(false, OpCode.TEXT, "Hel");
			assertThat(on(Event.LOCAL_CLOSE, CloseStatus.GOING_AWAY))
				.isEqualTo(decision(Action.SEND_CLOSE, CloseStatus.GOING_AWAY));
			receive(true, OpCode.CONTINUATION, "lo");
			assertThat(this.listener.messages).containsExactly("Hello");
			assertThat(on(Event.CLOSE_RECEIVED, BYE)).isEqualTo(decision(Action.FLUSH, CloseStatus.GOING_AWAY));
		}

		@Test
		void peerCloseBeforeTheFinalFragmentIsNotAProtocolError() {
			receive(false, OpCode.TEXT, "Hel");
			receive(false, OpCode.CONTINUATION, "l");
			assertThat(on(Event.CLOSE_RECEIVED, CloseStatus.NORMAL).action()).isEqualTo(Action.SEND_CLOSE);
			assertThat(CloseHandshakeTests.this.close.status()).isEqualTo(CloseStatus.NORMAL);
			assertThat(this.assembler.isMessageInProgress()).isTrue();
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7.1.1 the close timeout")
	class CloseTimeout {

		private void startIn(State state) {
			switch (state) {
				case CLOSE_SENT -> on(Event.LOCAL_CLOSE, BYE);
				case CLOSE_RECEIVED -> on(Event.CLOSE_RECEIVED, BYE);
				case CLOSE_ANSWERED -> {
					on(Event.LOCAL_CLOSE, BYE);
					on(Event.CLOSE_RECEIVED, CloseStatus.NORMAL);
				}
				case FAILED -> on(Event.PROTOCOL_ERROR, BYE);
				case OUTPUT_SHUT -> {
					on(Event.PROTOCOL_ERROR, BYE);
					on(Event.OUTPUT_FLUSHED);
				}
				case REJECTED -> on(Event.HANDSHAKE_REJECTED);
				default -> throw new IllegalArgumentException(state.name());
			}
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(state);
		}

		private Decision checkAt(long nanos) {
			return CloseHandshakeTests.this.close.on(Event.TIMEOUT_CHECK, null, nanos);
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(names = { "CLOSE_SENT", "CLOSE_RECEIVED", "CLOSE_ANSWERED", "FAILED", "OUTPUT_SHUT" })
		void closingWaitsUntilTheDeadline(State state) {
			startIn(state);
			assertThat(checkAt(START_NANOS + TIMEOUT_NANOS)).isEqualTo(decision(Action.NONE, BYE));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(state);
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(names = { "CLOSE_SENT", "CLOSE_RECEIVED", "CLOSE_ANSWERED", "FAILED", "OUTPUT_SHUT" })
		void closingFinishesPastTheDeadline(State state) {
			startIn(state);
			assertThat(checkAt(START_NANOS + TIMEOUT_NANOS + 1)).isEqualTo(decision(Action.FINISH, BYE));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSED);
		}

		@Test
		void refusedUpgradeFinishesPastTheDeadline() {
			startIn(State.REJECTED);
			assertThat(checkAt(START_NANOS + TIMEOUT_NANOS)).isEqualTo(decision(Action.NONE, CloseStatus.ABNORMAL));
			assertThat(checkAt(START_NANOS + TIMEOUT_NANOS + 1))
				.isEqualTo(decision(Action.FINISH, CloseStatus.ABNORMAL));
		}

		@Test
		void deadlineStartsWithTheFirstCloseEvent() {
			CloseHandshakeTests.this.close.on(Event.LOCAL_CLOSE, BYE, START_NANOS);
			CloseHandshakeTests.this.close.on(Event.CLOSE_RECEIVED, BYE, START_NANOS + TIMEOUT_NANOS);
			assertThat(checkAt(START_NANOS + TIMEOUT_NANOS + 1)).isEqualTo(decision(Action.FINISH, BYE));
		}

		@Test
		void openConnectionNeverTimesOut() {
			assertThat(checkAt(Long.MAX_VALUE)).isEqualTo(decision(Action.NONE, CloseStatus.ABNORMAL));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.OPEN);
		}

	}

	@Nested
	@DisplayName("a client that reads too slowly")
	class SlowConsumer {

		@Test
		void closeFrameGoesAheadOfQueuedDataWith1013() {
			assertThat(on(Event.SLOW_CONSUMER)).isEqualTo(decision(Action.SEND_CLOSE_AHEAD_OF_DATA, SLOW));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSE_SENT);
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.SERVER);
		}

		@Test
		void overflowWhileClosingSendsNothing() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThat(on(Event.SLOW_CONSUMER)).isEqualTo(decision(Action.NONE, BYE));
		}

		@Test
		void peerAnswerCompletesTheHandshake() {
			on(Event.SLOW_CONSUMER);
			assertThat(on(Event.CLOSE_RECEIVED, BYE)).isEqualTo(decision(Action.FLUSH, SLOW));
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.FINISH, SLOW));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §7.1.5 the TCP connection ends without a close handshake (Autobahn 7.1.x)")
	class EndOfStream {

		@Test
		void openConnectionFinishesWith1006() {
			assertThat(on(Event.END_OF_STREAM)).isEqualTo(decision(Action.FINISH, CloseStatus.ABNORMAL));
			assertThat(CloseHandshakeTests.this.close.initiator()).isEqualTo(CloseInitiator.NONE);
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.CLOSED);
		}

		@Test
		void flushWhileOpenDoesNothing() {
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.NONE, CloseStatus.ABNORMAL));
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.OPEN);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.2 a refused upgrade request")
	class RefusedUpgrade {

		@Test
		void connectionClosesOnceTheResponseIsWritten() {
			assertThat(on(Event.HANDSHAKE_REJECTED)).isEqualTo(decision(Action.FLUSH, CloseStatus.ABNORMAL));
			assertThat(CloseHandshakeTests.this.close.isInputOpen()).isFalse();
			assertThat(on(Event.OUTPUT_FLUSHED)).isEqualTo(decision(Action.FINISH, CloseStatus.ABNORMAL));
		}

		@Test
		void framesCannotArrive() {
			on(Event.HANDSHAKE_REJECTED);
			assertThatIllegalStateException().isThrownBy(() -> on(Event.CLOSE_RECEIVED, BYE));
			assertThatIllegalStateException().isThrownBy(() -> on(Event.PROTOCOL_ERROR, CloseStatus.PROTOCOL_ERROR));
		}

		@Test
		void upgradedConnectionCannotBeRefused() {
			on(Event.LOCAL_CLOSE, BYE);
			assertThatIllegalStateException().isThrownBy(() -> on(Event.HANDSHAKE_REJECTED))
				.withMessage("connection cannot take HANDSHAKE_REJECTED in state CLOSE_SENT");
		}

	}

	@Nested
	@DisplayName("events after the TCP connection closed")
	class Closed {

		@ParameterizedTest(name = "{0}")
		@EnumSource(Event.class)
		void noEventCanFollow(Event event) {
			on(Event.END_OF_STREAM);
			CloseStatus status = EnumSet
				.of(Event.CLOSE_RECEIVED, Event.PROTOCOL_ERROR, Event.PROTOCOL_ERROR_WHILE_HANDLING, Event.LOCAL_CLOSE)
				.contains(event) ? BYE : null;
			assertThatIllegalStateException().isThrownBy(() -> on(event, status))
				.withMessage("connection cannot take " + event + " in state CLOSED");
		}

	}

	@Nested
	@DisplayName("event arguments")
	class Arguments {

		@ParameterizedTest(name = "{0}")
		@EnumSource(names = { "CLOSE_RECEIVED", "PROTOCOL_ERROR", "PROTOCOL_ERROR_WHILE_HANDLING", "LOCAL_CLOSE" })
		void statusIsRequired(Event event) {
			assertThatIllegalArgumentException().isThrownBy(() -> on(event, null))
				.withMessage(event + " needs a status");
			assertThat(CloseHandshakeTests.this.close.state()).isEqualTo(State.OPEN);
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(names = { "SLOW_CONSUMER", "HANDSHAKE_REJECTED", "OUTPUT_FLUSHED", "TIMEOUT_CHECK", "END_OF_STREAM",
				"MESSAGES_HANDLED" })
		void statusIsRefused(Event event) {
			assertThatIllegalArgumentException().isThrownBy(() -> on(event, BYE))
				.withMessage(event + " takes no status");
		}

	}

}
