package io.wsboot.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells a message seen for the first time from one already seen, by the sender's sequence
 * numbers. Pub/sub delivers one sender's messages in order, so a number not above the
 * last one seen from that sender's current incarnation is a repeat: a publish that the
 * Redis client sent again after a reconnect. Gaps (messages missed while unsubscribed)
 * are not repeats.
 *
 * @author wsboot
 */
final class DuplicateFilter {

	private final Map<String, ClusterEnvelope.Sequence> lastSeen = new HashMap<>();

	/**
	 * Record a message and tell whether it is new.
	 * @param nodeId the sender
	 * @param sequence the message's place among the sender's messages
	 * @return {@code false} when a message with this or a later number of the same
	 * incarnation was already seen
	 */
	synchronized boolean firstTime(String nodeId, ClusterEnvelope.Sequence sequence) {
		if (sequence.equals(ClusterEnvelope.Sequence.NONE)) {
			return true;
		}
		ClusterEnvelope.Sequence last = this.lastSeen.get(nodeId);
		if (last != null && last.incarnation() == sequence.incarnation() && sequence.number() <= last.number()) {
			return false;
		}
		this.lastSeen.put(nodeId, sequence);
		return true;
	}

}
