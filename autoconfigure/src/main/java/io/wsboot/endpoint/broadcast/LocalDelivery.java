package io.wsboot.endpoint.broadcast;

/**
 * Delivers a broadcast to the sessions of this node. A {@link BroadcastFanOut} calls it
 * once per broadcast on every node, including the one that published it.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface LocalDelivery {

	/**
	 * Queue the message on every matching local session that is open.
	 * @param broadcast the broadcast
	 * @return the number of sessions the message was queued for
	 */
	int deliver(Broadcast broadcast);

}
