package io.wsboot.streams;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.SessionRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Publishes to streams and subscribes sessions of any {@code @WsEndpoint} to them.
 *
 * <p>
 * A publication is appended to its stream's {@link StreamHistory}, which gives it the
 * next offset, and travels to every node through the application's
 * {@link BroadcastFanOut}, as broadcasts do. A session that subscribes with the position
 * it last saw gets the {@code subscribed} answer, then the publications it missed, in
 * order, then live ones: no gap and no duplicate, even while publications arrive during
 * the history read. When its position is older than the history or from another epoch,
 * the answer says {@code recovered: false} and the subscription starts live.
 *
 * <p>
 * Sessions receive JSON text frames:
 * {@code {"type":"subscribed","stream":..,"epoch":..,"offset":..,"recovered":..}} and
 * {@code {"type":"publication","stream":..,"epoch":..,"offset":..,"data":..}}.
 *
 * @author wsboot
 */
public final class WsStreams implements AutoCloseable {

	/** Longest stream name, in characters. */
	public static final int MAX_STREAM_NAME_LENGTH = 255;

	/** Number of locks that order the publications of one stream on this node. */
	private static final int LOCK_STRIPES = 64;

	private final StreamHistory history;

	private final BroadcastFanOut fanOut;

	private final @Nullable JsonCodec codec;

	private final StreamHub hub;

	private final Object[] locks = new Object[LOCK_STRIPES];

	private final Map<String, Map<String, Subscription>> bySession = new ConcurrentHashMap<>();

	private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create the streams of this node.
	 * @param history where offsets, epochs and history are kept
	 * @param fanOut how publications reach every node
	 * @param registry this node's sessions, which routes the publications that arrive
	 * here
	 * @param codec encodes published objects as JSON, or {@code null} to publish JSON
	 * text only
	 */
	public WsStreams(StreamHistory history, BroadcastFanOut fanOut, SessionRegistry registry,
			@Nullable JsonCodec codec) {
		this.history = history;
		this.fanOut = fanOut;
		this.codec = codec;
		this.hub = new StreamHub(history, this::forget);
		for (int i = 0; i < LOCK_STRIPES; i++) {
			this.locks[i] = new Object();
		}
		registry.routeGroups(StreamHub.GROUP_PREFIX, this.hub);
	}

	/**
	 * Return where this node keeps history.
	 * @return the history
	 */
	public StreamHistory history() {
		return this.history;
	}

	/**
	 * Add a listener.
	 * @param listener the listener
	 */
	public void addListener(StreamListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Publish a value to a stream: a {@code String} as a JSON string, anything else
	 * encoded as JSON.
	 * @param stream the stream name
	 * @param data the value
	 * @return the position of the publication
	 * @throws IllegalStateException when the value needs JSON and there is no codec
	 */
	public StreamPosition publish(String stream, Object data) {
		Objects.requireNonNull(data, "data");
		String json;
		if (data instanceof String text) {
			json = StreamFrames.quote(text);
		}
		else if (this.codec != null) {
			json = this.codec.encode(data);
		}
		else {
			throw new IllegalStateException(
					"cannot publish a " + data.getClass().getName() + " without a JsonCodec; publish JSON text");
		}
		return publishJson(stream, json);
	}

	/**
	 * Publish data that is already JSON to a stream.
	 * @param stream the stream name
	 * @param json the data, one JSON value
	 * @return the position of the publication
	 */
	public StreamPosition publishJson(String stream, String json) {
		checkName(stream);
		Objects.requireNonNull(json, "json");
		StreamPublication publication;
		// one order for the offsets and the fan-out, so this node's subscribers see a
		// stream's publications in offset order
		synchronized (lock(stream)) {
			publication = this.history.append(stream, json);
			this.fanOut.publish(new Broadcast(new BroadcastTarget.Group(StreamHub.group(publication)),
					StreamFrames.publication(publication)));
		}
		for (StreamListener listener : this.listeners) {
			listener.published(publication);
		}
		return publication.position();
	}

	/**
	 * Subscribe a session to a stream from now on.
	 * @param session the session
	 * @param stream the stream name
	 * @return the answer that was sent to the session
	 */
	public StreamSubscription subscribe(EndpointSession session, String stream) {
		return subscribe(session, stream, null);
	}

	/**
	 * Subscribe a session to a stream, resuming after a position when history still has
	 * every publication since. The session is sent the {@code subscribed} answer, then
	 * the missed publications when they were recovered, then the live ones. A session
	 * subscribed to the stream already is subscribed anew.
	 * @param session the session
	 * @param stream the stream name
	 * @param since the position the client last saw, or {@code null}
	 * @return the answer that was sent to the session
	 */
	public StreamSubscription subscribe(EndpointSession session, String stream, @Nullable StreamPosition since) {
		checkName(stream);
		unsubscribe(session, stream);
		Subscription subscription = new Subscription(session, stream);
		this.bySession.computeIfAbsent(session.id(), (id) -> new ConcurrentHashMap<>()).put(stream, subscription);
		// live publications are buffered from here on, so none falls between the read
		// and the start
		StreamChannel channel = this.hub.add(subscription);
		StreamHistory.Slice slice;
		try {
			slice = this.history.read(stream, (since != null) ? since.offset() : -1);
		}
		catch (RuntimeException ex) {
			unsubscribe(session, stream);
			throw ex;
		}
		boolean recovered = since != null && slice.covers(since);
		StreamSubscription answer = new StreamSubscription(stream, slice.position(), recovered);
		channel.start(subscription, StreamFrames.subscribed(answer), recovered ? slice.publications() : List.of(),
				slice);
		if (!session.isOpen()) {
			unsubscribe(session, stream);
		}
		for (StreamListener listener : this.listeners) {
			listener.subscribed(answer, since);
		}
		return answer;
	}

	/**
	 * Stop sending a stream's publications to a session.
	 * @param session the session
	 * @param stream the stream name
	 * @return whether the session was subscribed
	 */
	public boolean unsubscribe(EndpointSession session, String stream) {
		Map<String, Subscription> subscriptions = this.bySession.get(session.id());
		Subscription subscription = (subscriptions != null) ? subscriptions.remove(stream) : null;
		if (subscription == null) {
			return false;
		}
		this.hub.remove(subscription);
		this.bySession.computeIfPresent(session.id(), (id, map) -> map.isEmpty() ? null : map);
		return true;
	}

	/**
	 * Stop sending any stream's publications to a session, such as when it closed.
	 * Subscriptions of closed sessions also go by themselves at the next publication.
	 * @param session the session
	 */
	public void unsubscribeAll(EndpointSession session) {
		Map<String, Subscription> subscriptions = this.bySession.remove(session.id());
		if (subscriptions != null) {
			subscriptions.values().forEach(this.hub::remove);
		}
	}

	/**
	 * Return the streams a session is subscribed to.
	 * @param session the session
	 * @return a snapshot of the stream names
	 */
	public Set<String> subscriptions(EndpointSession session) {
		Map<String, Subscription> subscriptions = this.bySession.get(session.id());
		return (subscriptions != null) ? Set.copyOf(subscriptions.keySet()) : Set.of();
	}

	/**
	 * Return the number of sessions of this node subscribed to a stream.
	 * @param stream the stream name
	 * @return the number
	 */
	public int subscriberCount(String stream) {
		return this.hub.subscriptions(stream);
	}

	/**
	 * Return a stream's position: its epoch and last offset.
	 * @param stream the stream name
	 * @return the position
	 */
	public StreamPosition position(String stream) {
		checkName(stream);
		return this.history.read(stream, -1).position();
	}

	@Override
	public void close() {
		this.hub.close();
	}

	private void forget(Subscription subscription) {
		this.bySession.computeIfPresent(subscription.session().id(), (id, map) -> {
			map.remove(subscription.stream(), subscription);
			return map.isEmpty() ? null : map;
		});
	}

	private Object lock(String stream) {
		return this.locks[Math.floorMod(stream.hashCode(), LOCK_STRIPES)];
	}

	private static void checkName(String stream) {
		Objects.requireNonNull(stream, "stream");
		if (stream.isEmpty() || stream.length() > MAX_STREAM_NAME_LENGTH) {
			throw new IllegalArgumentException(
					"stream name must have 1 to " + MAX_STREAM_NAME_LENGTH + " characters but has " + stream.length());
		}
	}

}
