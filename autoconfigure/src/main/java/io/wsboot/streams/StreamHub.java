package io.wsboot.streams;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.endpoint.broadcast.LocalDelivery;
import io.wsboot.streams.Subscription.Live;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * This node's end of the streams' live delivery: publications travel as broadcasts to a
 * group whose name carries the stream, offset and epoch
 * ({@code wsboot.stream:<offset>:<epoch>:<stream>}), through whatever
 * {@code BroadcastFanOut} the application uses, and arrive here on every node, where the
 * {@link StreamChannel} of the stream passes them to its subscriptions.
 *
 * @author wsboot
 */
final class StreamHub implements LocalDelivery, AutoCloseable {

	static final Log logger = LogFactory.getLog(WsStreams.class);

	/** Prefix of the group names that carry publications. */
	static final String GROUP_PREFIX = "wsboot.stream:";

	/** How long a publication that overtook an earlier one waits for it. */
	static final Duration GAP_WAIT = Duration.ofMillis(250);

	private final StreamHistory history;

	private final Consumer<Subscription> forget;

	private final Map<String, StreamChannel> channels = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	private volatile boolean closed;

	StreamHub(StreamHistory history, Consumer<Subscription> forget) {
		this.history = history;
		this.forget = forget;
	}

	static String group(StreamPublication publication) {
		return GROUP_PREFIX + publication.offset() + ':' + publication.epoch() + ':' + publication.stream();
	}

	StreamHistory history() {
		return this.history;
	}

	@Override
	public int deliver(Broadcast broadcast) {
		if (!(broadcast.target() instanceof BroadcastTarget.Group group)) {
			return 0;
		}
		String name = group.name();
		int offsetEnd = name.indexOf(':', GROUP_PREFIX.length());
		int epochEnd = (offsetEnd > 0) ? name.indexOf(':', offsetEnd + 1) : -1;
		if (epochEnd < 0) {
			logger.debug("wsboot streams ignored a malformed publication group '" + name + "'");
			return 0;
		}
		StreamChannel channel = this.channels.get(name.substring(epochEnd + 1));
		if (channel == null) {
			return 0;
		}
		long offset;
		try {
			offset = Long.parseLong(name, GROUP_PREFIX.length(), offsetEnd, 10);
		}
		catch (NumberFormatException ex) {
			logger.debug("wsboot streams ignored a malformed publication group '" + name + "'");
			return 0;
		}
		return channel.live(new Live(name.substring(offsetEnd + 1, epochEnd), offset, broadcast.message()));
	}

	/**
	 * Add a subscription to its stream's channel, creating the channel when needed.
	 */
	StreamChannel add(Subscription subscription) {
		return this.channels.compute(subscription.stream(), (stream, channel) -> {
			StreamChannel result = (channel != null) ? channel : new StreamChannel(stream, this);
			result.add(subscription);
			return result;
		});
	}

	void remove(Subscription subscription) {
		this.channels.computeIfPresent(subscription.stream(), (stream, channel) -> {
			channel.remove(subscription);
			return channel.isEmpty() ? null : channel;
		});
	}

	void removeIfEmpty(String stream, StreamChannel channel) {
		this.channels.computeIfPresent(stream,
				(name, current) -> (current == channel && current.isEmpty()) ? null : current);
	}

	/** A subscription its channel dropped because the session closed. */
	void forget(Subscription subscription) {
		this.forget.accept(subscription);
	}

	/**
	 * Return the number of local subscriptions of a stream.
	 */
	int subscriptions(String stream) {
		StreamChannel channel = this.channels.get(stream);
		return (channel != null) ? channel.size() : 0;
	}

	/**
	 * Run a task after {@link #GAP_WAIT}.
	 * @return whether it was scheduled
	 */
	boolean schedule(Runnable task) {
		if (this.closed) {
			return false;
		}
		try {
			scheduler().schedule(task, GAP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			synchronized (this) {
				scheduler = this.scheduler;
				if (scheduler == null) {
					CustomizableThreadFactory threads = new CustomizableThreadFactory("wsboot-streams-");
					threads.setDaemon(true);
					scheduler = Executors.newSingleThreadScheduledExecutor(threads);
					this.scheduler = scheduler;
				}
			}
		}
		return scheduler;
	}

	@Override
	public void close() {
		this.closed = true;
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

}
