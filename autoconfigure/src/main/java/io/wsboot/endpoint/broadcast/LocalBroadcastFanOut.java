package io.wsboot.endpoint.broadcast;

import java.util.concurrent.CompletableFuture;

/**
 * The default {@link BroadcastFanOut}: a single node, so publishing is delivering to the
 * local sessions right away.
 *
 * @author wsboot
 */
public final class LocalBroadcastFanOut implements BroadcastFanOut {

	private final LocalDelivery delivery;

	/**
	 * Create a local fan-out.
	 * @param delivery this node's delivery
	 */
	public LocalBroadcastFanOut(LocalDelivery delivery) {
		this.delivery = delivery;
	}

	@Override
	public CompletableFuture<Void> publish(Broadcast broadcast) {
		try {
			this.delivery.deliver(broadcast);
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
