package io.wsboot.streams;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.wsboot.streams.Subscription.Live;
import org.jspecify.annotations.Nullable;

/**
 * The subscriptions of this node to one stream, and the order of its live publications.
 * Publications of one node arrive in offset order; those of different nodes may cross on
 * the way, so one that arrives early is held until the ones before it arrive, or, after a
 * short wait, read from history. Everything happens under this object's lock, so every
 * subscription sees the publications in offset order.
 *
 * @author wsboot
 */
final class StreamChannel {

	private final String stream;

	private final StreamHub hub;

	private final Set<Subscription> subscriptions = new LinkedHashSet<>();

	private final TreeMap<Long, Live> held = new TreeMap<>();

	private @Nullable String epoch;

	private long lastOffset;

	private boolean gapFillScheduled;

	StreamChannel(String stream, StreamHub hub) {
		this.stream = stream;
		this.hub = hub;
	}

	synchronized void add(Subscription subscription) {
		this.subscriptions.add(subscription);
	}

	synchronized void remove(Subscription subscription) {
		this.subscriptions.remove(subscription);
	}

	synchronized boolean isEmpty() {
		return this.subscriptions.isEmpty();
	}

	synchronized int size() {
		return this.subscriptions.size();
	}

	/**
	 * Deliver a live publication to the subscriptions, in offset order.
	 * @return the number of subscriptions it was offered to
	 */
	int live(Live live) {
		boolean empty;
		int offered;
		synchronized (this) {
			if (this.epoch == null || !this.epoch.equals(live.epoch())) {
				// the first publication seen, or history was lost: start over
				this.epoch = live.epoch();
				this.lastOffset = live.offset() - 1;
				this.held.clear();
			}
			if (live.offset() <= this.lastOffset) {
				return 0;
			}
			if (live.offset() > this.lastOffset + 1) {
				this.held.put(live.offset(), live);
				scheduleGapFill();
				return 0;
			}
			offered = dispatch(live) + drainHeld();
			empty = this.subscriptions.isEmpty();
		}
		if (empty) {
			this.hub.removeIfEmpty(this.stream, this);
		}
		return offered;
	}

	/**
	 * Start a subscription that was added before its history was read.
	 */
	synchronized void start(Subscription subscription, String answer, List<StreamPublication> recovered,
			StreamHistory.Slice slice) {
		if (this.epoch == null) {
			this.epoch = slice.epoch();
			this.lastOffset = slice.lastOffset();
		}
		subscription.start(answer, recovered, slice.position());
		if (this.epoch.equals(subscription.epoch()) && subscription.lastSent() < this.lastOffset) {
			// publications this channel passed on before the subscription's read, which a
			// concurrent subscription's read had already covered
			StreamHistory.Slice missed = this.hub.history().read(this.stream, subscription.lastSent());
			subscription.catchUp(missed.publications(), this.lastOffset);
		}
	}

	private int dispatch(Live live) {
		this.lastOffset = live.offset();
		int offered = 0;
		List<Subscription> closed = null;
		for (Subscription subscription : this.subscriptions) {
			if (subscription.offer(live)) {
				offered++;
			}
			else {
				closed = (closed != null) ? closed : new ArrayList<>();
				closed.add(subscription);
			}
		}
		if (closed != null) {
			closed.forEach(this.subscriptions::remove);
			closed.forEach(this.hub::forget);
		}
		return offered;
	}

	private int drainHeld() {
		int offered = 0;
		Map.Entry<Long, Live> next;
		while ((next = this.held.firstEntry()) != null && next.getKey() <= this.lastOffset + 1) {
			this.held.pollFirstEntry();
			if (next.getKey() == this.lastOffset + 1) {
				offered += dispatch(next.getValue());
			}
		}
		return offered;
	}

	private void scheduleGapFill() {
		if (!this.gapFillScheduled) {
			this.gapFillScheduled = this.hub.schedule(this::fillGap);
		}
	}

	/**
	 * Fill the gap before the held publications from history; what history no longer has
	 * is skipped.
	 */
	private synchronized void fillGap() {
		this.gapFillScheduled = false;
		if (this.held.isEmpty() || this.epoch == null) {
			return;
		}
		long firstHeld = this.held.firstKey();
		if (firstHeld > this.lastOffset + 1) {
			try {
				StreamHistory.Slice slice = this.hub.history().read(this.stream, this.lastOffset);
				if (slice.epoch().equals(this.epoch)) {
					for (StreamPublication publication : slice.publications()) {
						if (publication.offset() == this.lastOffset + 1 && publication.offset() < firstHeld) {
							dispatch(new Live(publication.epoch(), publication.offset(),
									StreamFrames.publication(publication)));
						}
					}
				}
			}
			catch (RuntimeException ex) {
				StreamHub.logger.warn("wsboot streams could not read the history of '" + this.stream + "'", ex);
			}
			if (this.lastOffset + 1 < firstHeld) {
				StreamHub.logger.debug("wsboot streams skipped publications " + (this.lastOffset + 1) + " to "
						+ (firstHeld - 1) + " of '" + this.stream + "': no longer in history");
				this.lastOffset = firstHeld - 1;
			}
		}
		drainHeld();
		if (!this.held.isEmpty()) {
			scheduleGapFill();
		}
	}

}
