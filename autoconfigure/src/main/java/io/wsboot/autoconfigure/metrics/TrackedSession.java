package io.wsboot.autoconfigure.metrics;

import io.wsboot.engine.SessionStats;
import io.wsboot.engine.WsSession;

/**
 * A live session as a traffic group sees it: its counters and the polling overhead fixed
 * when it opened. Identity equality, so that sets of them stay cheap.
 */
final class TrackedSession {

	private final WsSession session;

	private final long pollingOverheadBytes;

	private final TrafficGroup group;

	TrackedSession(WsSession session, long pollingOverheadBytes, TrafficGroup group) {
		this.session = session;
		this.pollingOverheadBytes = pollingOverheadBytes;
		this.group = group;
	}

	WsSession session() {
		return this.session;
	}

	SessionStats stats() {
		// asked of the session each time rather than kept: the engine creates a session's
		// counters on first use, so that an idle session has none
		return this.session.stats();
	}

	long pollingOverheadBytes() {
		return this.pollingOverheadBytes;
	}

	TrafficGroup group() {
		return this.group;
	}

}
