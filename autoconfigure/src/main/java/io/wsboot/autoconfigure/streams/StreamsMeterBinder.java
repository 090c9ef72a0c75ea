package io.wsboot.autoconfigure.streams;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wsboot.streams.StreamListener;
import io.wsboot.streams.StreamPosition;
import io.wsboot.streams.StreamPublication;
import io.wsboot.streams.StreamSubscription;
import io.wsboot.streams.WsStreams;
import org.jspecify.annotations.Nullable;

/**
 * Binds the streams' meters: publications, recoveries by outcome and the history size of
 * each stream this node published to or served, with a bounded number of stream tag
 * values.
 *
 * @author wsboot
 */
final class StreamsMeterBinder implements MeterBinder, StreamListener {

	/** The tag value shared by the streams past the cap. */
	static final String OTHER = "OTHER";

	/** Most streams summed into {@link #OTHER}; more are not measured. */
	private static final int MAX_OTHER_STREAMS = 10_000;

	private final WsStreams streams;

	private final int maxTaggedStreams;

	private final Set<String> tagged = ConcurrentHashMap.newKeySet();

	private final Set<String> others = ConcurrentHashMap.newKeySet();

	private final Map<Boolean, Counter> recoveries = new ConcurrentHashMap<>();

	private volatile @Nullable MeterRegistry registry;

	private volatile @Nullable Counter publications;

	StreamsMeterBinder(WsStreams streams, int maxTaggedStreams) {
		this.streams = streams;
		this.maxTaggedStreams = maxTaggedStreams;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.publications = Counter.builder("wsboot.streams.publications")
			.description("Publications to streams made on this node")
			.register(registry);
		for (boolean recovered : new boolean[] { true, false }) {
			this.recoveries.put(recovered,
					Counter.builder("wsboot.streams.recoveries")
						.description("Subscriptions that resumed from a position, by outcome")
						.tag("outcome", recovered ? "recovered" : "not_recovered")
						.register(registry));
		}
		Gauge.builder("wsboot.streams.history.size", this, StreamsMeterBinder::otherHistorySize)
			.description("Publications kept in the history of a stream")
			.tag("stream", OTHER)
			.register(registry);
		this.registry = registry;
		this.tagged.forEach((stream) -> registerHistorySize(registry, stream));
		this.streams.addListener(this);
	}

	@Override
	public void published(StreamPublication publication) {
		Counter publications = this.publications;
		if (publications != null) {
			publications.increment();
		}
		track(publication.stream());
	}

	@Override
	public void subscribed(StreamSubscription subscription, @Nullable StreamPosition since) {
		if (since != null) {
			Counter counter = this.recoveries.get(subscription.recovered());
			if (counter != null) {
				counter.increment();
			}
		}
		track(subscription.stream());
	}

	private void track(String stream) {
		if (this.tagged.contains(stream) || this.others.contains(stream)) {
			return;
		}
		boolean admitted;
		synchronized (this) {
			admitted = this.tagged.size() < this.maxTaggedStreams && this.tagged.add(stream);
		}
		if (admitted) {
			MeterRegistry registry = this.registry;
			if (registry != null) {
				registerHistorySize(registry, stream);
			}
		}
		else if (this.others.size() < MAX_OTHER_STREAMS) {
			this.others.add(stream);
		}
	}

	private void registerHistorySize(MeterRegistry registry, String stream) {
		Gauge.builder("wsboot.streams.history.size", this.streams, (streams) -> streams.history().size(stream))
			.description("Publications kept in the history of a stream")
			.tag("stream", stream)
			.register(registry);
	}

	private double otherHistorySize() {
		long total = 0;
		for (String stream : this.others) {
			total += this.streams.history().size(stream);
		}
		return total;
	}

}
