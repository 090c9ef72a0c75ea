package io.wsboot.engine.internal.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.internal.session.CloseHandshake.Event;

/**
 * When each open session of one event loop is closed during a drain: a moment drawn at
 * random within the drain period per session, so that the clients' reconnects reach the
 * other nodes spread out rather than all at once. Created and used on its loop's thread
 * only.
 */
final class DrainSchedule {

	private final Connection[] connections;

	private final long[] dueNanos;

	private final CloseStatus status;

	private int next;

	private DrainSchedule(Connection[] connections, long[] dueNanos, CloseStatus status) {
		this.connections = connections;
		this.dueNanos = dueNanos;
		this.status = status;
	}

	/**
	 * Plan the closing of a loop's open sessions; on the loop's thread, so that every
	 * session upgraded before is in the plan and every upgrade after is refused.
	 * @param loop the loop
	 * @param startNanos when the drain started, as {@link System#nanoTime()}
	 * @param periodNanos the drain period; 0 closes every session at once
	 * @param status the status of the close frames
	 * @return the schedule, sorted by due time
	 */
	static DrainSchedule plan(EventLoop loop, long startNanos, long periodNanos, CloseStatus status) {
		List<Connection> open = new ArrayList<>();
		for (Connection connection : loop.connectionsSnapshot()) {
			if (connection.openSession() != null && !connection.isClosing()) {
				open.add(connection);
			}
		}
		int count = open.size();
		long[] offsets = new long[count];
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < count; i++) {
			offsets[i] = (periodNanos > 0) ? random.nextLong(periodNanos) : 0;
		}
		// the sessions are in no particular order: sorting the drawn offsets and handing
		// them out in that order keeps each session's moment independent and random
		Arrays.sort(offsets);
		long[] due = new long[count];
		for (int i = 0; i < count; i++) {
			due[i] = startNanos + offsets[i];
		}
		return new DrainSchedule(open.toArray(new Connection[0]), due, status);
	}

	/**
	 * Close the sessions whose moment has come.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return {@code true} once every session of the schedule has been closed
	 */
	boolean closeDue(long nowNanos) {
		closeUntil(nowNanos, nowNanos);
		return isDone();
	}

	/**
	 * Close every session not closed yet, such as when the server stops during a drain.
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	void closeAll(long nowNanos) {
		if (!isDone()) {
			closeUntil(this.dueNanos[this.dueNanos.length - 1], nowNanos);
		}
	}

	private void closeUntil(long untilNanos, long nowNanos) {
		while (this.next < this.connections.length && untilNanos - this.dueNanos[this.next] >= 0) {
			Connection connection = this.connections[this.next++];
			// a session that started closing meanwhile ignores this (one close frame,
			// RFC 6455 §5.5.1); its queued data is written before the close frame
			connection.closeEvent(Event.LOCAL_CLOSE, this.status, nowNanos);
		}
	}

	boolean isDone() {
		return this.next == this.connections.length;
	}

	int size() {
		return this.connections.length;
	}

}
