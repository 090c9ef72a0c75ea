package io.wsboot.engine.internal.session;

import java.time.Duration;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * The closing of one connection (RFC 6455 §7), without a socket: it keeps the state, who
 * started the closing, the status to report and the deadline, takes every event through
 * {@link #on}, and answers with the {@link Decision} the connection carries out. A
 * connection creates it on its first close event, so that an open connection keeps none.
 *
 * <pre>
 * OPEN ──local close, slow consumer──► CLOSE_SENT ──close received──► CLOSE_ANSWERED ─┐
 * OPEN ──close received──────────────► CLOSE_RECEIVED ────────────────────────────────┤ flushed
 * OPEN ──protocol error──► FAILED ──flushed──► OUTPUT_SHUT ──end of stream────────────┤
 * OPEN ──protocol error while handling──► FAILING ──handled, close timeout──► FAILED
 * OPEN ──handshake rejected──► REJECTED ──────────────────────────────────────────────┤ flushed
 * any state ──end of stream, close timeout──────────────────────────────────────────► CLOSED
 * </pre>
 *
 * <p>
 * An event that cannot happen in the current state, such as a frame after the input was
 * shut, throws {@link IllegalStateException}: the connection stops reading before it. Not
 * thread-safe; used on the connection's event loop only.
 *
 * @author wsboot
 */
public final class CloseHandshake {

	/** The status of the close frame sent to a client whose outbound queue overflowed. */
	public static final CloseStatus SLOW_CONSUMER_STATUS = CloseStatus.TRY_AGAIN_LATER
		.withReason("client reads too slowly");

	/** Where the closing stands. */
	public enum State {

		/** No close frame either way: data flows both ways. */
		OPEN,

		/** We sent the first close frame and read on until the peer answers (§7.1.2). */
		CLOSE_SENT,

		/** The peer sent the first close frame; ours answers it (§5.5.1). */
		CLOSE_RECEIVED,

		/**
		 * The peer answered our close frame: the close handshake is complete (§7.1.1).
		 */
		CLOSE_ANSWERED,

		/**
		 * We are failing the connection (§7.1.7) and read no more, but the messages
		 * received whole before the violation are still being handled: our close frame
		 * waits for their replies, at most the close timeout.
		 */
		FAILING,

		/** We failed the connection (§7.1.7): our close frame is on its way. */
		FAILED,

		/** Our close frame of a failed connection is written and the output shut. */
		OUTPUT_SHUT,

		/**
		 * The opening handshake was refused (§4.2.2): the HTTP response is on its way.
		 */
		REJECTED,

		/** The TCP connection is closed. */
		CLOSED

	}

	/** What happened to the connection. */
	public enum Event {

		/** A valid close frame arrived; its status goes with the event. */
		CLOSE_RECEIVED(true),

		/**
		 * The peer broke the protocol; the status of the violation goes with the event.
		 */
		PROTOCOL_ERROR(true),

		/**
		 * The peer broke the protocol while messages it sent whole before are still being
		 * handled on another thread; the status of the violation goes with the event. The
		 * close frame waits for {@link #MESSAGES_HANDLED}, so that their replies go
		 * first.
		 */
		PROTOCOL_ERROR_WHILE_HANDLING(true),

		/**
		 * The messages received before a protocol error are handled: their replies are
		 * queued.
		 */
		MESSAGES_HANDLED(false),

		/**
		 * The server closes: the application, an idle timeout, a failed handler or the
		 * server's shutdown; the status to send goes with the event.
		 */
		LOCAL_CLOSE(true),

		/** The outbound queue overflowed under the CLOSE slow-consumer policy. */
		SLOW_CONSUMER(false),

		/** The upgrade request was refused with an HTTP error response. */
		HANDSHAKE_REJECTED(false),

		/** Everything queued has been written to the socket. */
		OUTPUT_FLUSHED(false),

		/** The periodic timeout check, at the time given with it. */
		TIMEOUT_CHECK(false),

		/** The peer closed its side of the TCP connection. */
		END_OF_STREAM(false);

		private final boolean carriesStatus;

		Event(boolean carriesStatus) {
			this.carriesStatus = carriesStatus;
		}

	}

	/** What the connection must do next. */
	public enum Action {

		/** Nothing now. */
		NONE,

		/** Queue a close frame with the decision's status. */
		SEND_CLOSE,

		/**
		 * Drop the data frames not yet started, then queue a close frame with the
		 * decision's status, so that the close does not wait behind them.
		 */
		SEND_CLOSE_AHEAD_OF_DATA,

		/**
		 * Write what is queued: the connection is closed once it is written, when
		 * {@link Event#OUTPUT_FLUSHED} answers {@link #FINISH}.
		 */
		FLUSH,

		/** Shut the output down and keep reading until the peer closes. */
		SHUT_OUTPUT,

		/**
		 * Close the TCP connection now and report the session closed with the decision's
		 * status.
		 */
		FINISH

	}

	/**
	 * What the connection must do after an event.
	 *
	 * @param action the action
	 * @param status the status of the close frame to send, or the one the session closes
	 * with
	 */
	public record Decision(Action action, CloseStatus status) {

	}

	private final long timeoutNanos;

	private State state = State.OPEN;

	private CloseInitiator initiator = CloseInitiator.NONE;

	private CloseStatus status = CloseStatus.ABNORMAL;

	private long deadlineNanos;

	/**
	 * Create the closing of a connection that is open, or whose upgrade request is about
	 * to be refused.
	 * @param closeTimeout how long to wait, once the closing started, for the peer to
	 * answer and close
	 */
	public CloseHandshake(Duration closeTimeout) {
		this.timeoutNanos = closeTimeout.toNanos();
	}

	/**
	 * Take an event and move to the state it leads to.
	 * @param event what happened
	 * @param status the status that goes with {@link Event#CLOSE_RECEIVED},
	 * {@link Event#PROTOCOL_ERROR} and {@link Event#LOCAL_CLOSE}; {@code null} with the
	 * others
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return what the connection must do next
	 * @throws IllegalArgumentException when the event's status is missing or not expected
	 * @throws IllegalStateException when the event cannot happen in the current state
	 */
	public Decision on(Event event, @Nullable CloseStatus status, long nowNanos) {
		if (event.carriesStatus != (status != null)) {
			throw new IllegalArgumentException(event + ((status != null) ? " takes no status" : " needs a status"));
		}
		if (this.state == State.CLOSED) {
			throw impossible(event);
		}
		return switch (event) {
			case CLOSE_RECEIVED -> closeReceived(status, nowNanos);
			case PROTOCOL_ERROR -> protocolError(status, false, nowNanos);
			case PROTOCOL_ERROR_WHILE_HANDLING -> protocolError(status, true, nowNanos);
			case MESSAGES_HANDLED -> messagesHandled(nowNanos);
			case LOCAL_CLOSE -> localClose(status, Action.SEND_CLOSE, nowNanos);
			case SLOW_CONSUMER -> localClose(SLOW_CONSUMER_STATUS, Action.SEND_CLOSE_AHEAD_OF_DATA, nowNanos);
			case HANDSHAKE_REJECTED -> handshakeRejected(nowNanos);
			case OUTPUT_FLUSHED -> outputFlushed();
			case TIMEOUT_CHECK -> timeoutCheck(nowNanos);
			// RFC 6455 §7.1.1: the peer may close TCP first; nothing is left to wait for
			case END_OF_STREAM -> finish();
		};
	}

	private Decision closeReceived(CloseStatus received, long nowNanos) {
		switch (this.state) {
			case OPEN -> {
				// RFC 6455 §5.5.1: answer with a close frame echoing the status code
				// RFC 6455 §7.1.1: the server then closes the TCP connection first
				start(State.CLOSE_RECEIVED, CloseInitiator.CLIENT, received, nowNanos);
				return decide(Action.SEND_CLOSE);
			}
			case CLOSE_SENT -> {
				// RFC 6455 §7.1.1: our close frame is answered, the close handshake is
				// complete, and the server closes TCP once its own frame is written
				this.state = State.CLOSE_ANSWERED;
				return decide(Action.FLUSH);
			}
			// RFC 6455 §5.5.1: after a close frame, nothing more the peer sends is read
			default -> throw impossible(Event.CLOSE_RECEIVED);
		}
	}

	private Decision protocolError(CloseStatus violation, boolean handling, long nowNanos) {
		switch (this.state) {
			case OPEN -> {
				// RFC 6455 §7.1.7: fail the connection with a close frame carrying the
				// status of the violation, and stop reading its data; the messages
				// received whole before the violation are answered first
				if (handling) {
					start(State.FAILING, CloseInitiator.SERVER, violation, nowNanos);
					return decide(Action.NONE);
				}
				start(State.FAILED, CloseInitiator.SERVER, violation, nowNanos);
				return decide(Action.SEND_CLOSE);
			}
			// our close frame was sent already: no answer can complete the handshake
			case CLOSE_SENT -> {
				return finish();
			}
			default -> throw impossible(Event.PROTOCOL_ERROR);
		}
	}

	private Decision messagesHandled(long nowNanos) {
		if (this.state != State.FAILING) {
			// the close timeout sent the close frame already, or the connection is gone
			return decide(Action.NONE);
		}
		return sendFailure(nowNanos);
	}

	private Decision sendFailure(long nowNanos) {
		// RFC 6455 §5.5.1: the replies are queued ahead of the close frame, and no data
		// frame follows it
		this.state = State.FAILED;
		this.deadlineNanos = nowNanos + this.timeoutNanos;
		return decide(Action.SEND_CLOSE);
	}

	private Decision timeoutCheck(long nowNanos) {
		if (this.state == State.OPEN || nowNanos - this.deadlineNanos <= 0) {
			return decide(Action.NONE);
		}
		// a slow handler cannot keep a broken connection open: the close frame goes
		// without the replies still missing, and the peer gets a close timeout to go
		return (this.state == State.FAILING) ? sendFailure(nowNanos) : finish();
	}

	private Decision localClose(CloseStatus sent, Action action, long nowNanos) {
		if (this.state != State.OPEN) {
			// already closing: RFC 6455 §5.5.1 allows one close frame
			return decide(Action.NONE);
		}
		// RFC 6455 §7.1.2: start the close handshake, then wait for the peer's close
		start(State.CLOSE_SENT, CloseInitiator.SERVER, sent, nowNanos);
		return decide(action);
	}

	private Decision handshakeRejected(long nowNanos) {
		if (this.state != State.OPEN) {
			throw impossible(Event.HANDSHAKE_REJECTED);
		}
		this.state = State.REJECTED;
		this.deadlineNanos = nowNanos + this.timeoutNanos;
		return decide(Action.FLUSH);
	}

	private Decision outputFlushed() {
		return switch (this.state) {
			case CLOSE_RECEIVED, CLOSE_ANSWERED, REJECTED -> finish();
			case FAILED -> {
				// half-close after the close frame and read on until the peer closes:
				// unread input would turn the FIN into a reset that loses the close frame
				this.state = State.OUTPUT_SHUT;
				yield decide(Action.SHUT_OUTPUT);
			}
			default -> decide(Action.NONE);
		};
	}

	private void start(State next, CloseInitiator initiator, CloseStatus status, long nowNanos) {
		this.state = next;
		this.initiator = initiator;
		this.status = status;
		this.deadlineNanos = nowNanos + this.timeoutNanos;
	}

	private Decision finish() {
		this.state = State.CLOSED;
		return decide(Action.FINISH);
	}

	private Decision decide(Action action) {
		return new Decision(action, this.status);
	}

	private IllegalStateException impossible(Event event) {
		return new IllegalStateException("connection cannot take " + event + " in state " + this.state);
	}

	/**
	 * Return where the closing stands.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Return who started the closing.
	 * @return {@link CloseInitiator#NONE} until a close frame was sent or received
	 */
	public CloseInitiator initiator() {
		return this.initiator;
	}

	/**
	 * Return the status the session closes with.
	 * @return the status of the first close frame either way, or
	 * {@link CloseStatus#ABNORMAL} (1006) when none was sent or received
	 */
	public CloseStatus status() {
		return this.status;
	}

	/**
	 * Whether the peer's frames are still read: until its close frame arrives (RFC 6455
	 * §5.5.1) or the connection is failed (§7.1.7).
	 * @return {@code true} while open or waiting for the answer to our close frame
	 */
	public boolean isInputOpen() {
		return this.state == State.OPEN || this.state == State.CLOSE_SENT;
	}

}
