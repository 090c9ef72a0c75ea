package io.wsboot.endpoint.broadcast;

import java.util.concurrent.CompletableFuture;

/**
 * Carries a broadcast to every node of a cluster, where each node hands it to its own
 * {@link LocalDelivery}. The default, {@link LocalBroadcastFanOut}, knows only this node;
 * a scale-out implementation (Redis pub/sub, for example) publishes once per cluster and
 * delivers what it receives locally. Define a bean of this type to replace the default.
 *
 * @author wsboot
 */
@FunctionalInterface
public interface BroadcastFanOut {

	/**
	 * Publish a broadcast to every node, this one included.
	 * @param broadcast the broadcast
	 * @return completes when the broadcast was handed over: queued on the local sessions
	 * for the local implementation, accepted by the broker for a distributed one; fails
	 * when it could not be published
	 */
	CompletableFuture<Void> publish(Broadcast broadcast);

}
