package io.wsboot.endpoint.annotation;

/**
 * Which thread runs the handler methods of a {@link WsEndpoint @WsEndpoint}. Either way,
 * one session's methods run one at a time, in the order the frames arrived, with
 * {@code @OnOpen} first and {@code @OnClose} after every message received before the
 * close.
 *
 * @author wsboot
 * @see WsEndpoint#dispatch()
 */
public enum Dispatch {

	/**
	 * The dispatch set by {@code wsboot.endpoint.dispatch}, {@link #EXECUTOR} unless
	 * changed. Only for {@link WsEndpoint#dispatch()}: the property itself must name one
	 * of the two others.
	 */
	DEFAULT,

	/**
	 * Hand each event to the handler executor ({@code wsboot.executor.*}, or virtual
	 * threads), so that handler methods may block: on a database, a remote call or a
	 * lock. Costs a thread hand-off per batch of messages that arrived together. The 101
	 * response waits for {@code @OnOpen}, and the reply to a message received before a
	 * protocol error goes out before the close frame, as with {@link #EVENT_LOOP}.
	 */
	EXECUTOR,

	/**
	 * Call the handler methods directly on the connection's event loop, the thread that
	 * read the frame, with no hand-off: the fastest dispatch, for handlers that only
	 * compute and send. A method running on the event loop must never block (no I/O, no
	 * lock that another thread may hold long, no {@code join()} on a send's future, no
	 * {@code Thread.sleep}): while it runs, no other connection of that loop is read or
	 * written, so one blocking call stalls all of them.
	 */
	EVENT_LOOP

}
