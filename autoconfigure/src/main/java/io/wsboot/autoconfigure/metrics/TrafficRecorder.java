package io.wsboot.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.PathTemplate;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the traffic of a server's sessions per {@link TrafficGroup}: one per endpoint,
 * split further by the values of the path variables allowed as tags. Registered as a
 * {@link WsServerListener}, it does two map operations when a session opens and a few
 * additions when it closes; nothing per frame, since the engine's own per-session
 * counters are read when someone asks.
 *
 * @author wsboot
 */
public final class TrafficRecorder implements WsServerListener {

	/** The tag value of an allowed path variable that an endpoint does not have. */
	public static final String NO_VARIABLE = "none";

	private static final Log logger = LogFactory.getLog(TrafficRecorder.class);

	private final PollingModel pollingModel;

	private final List<String> variableTagNames;

	private final Map<String, BoundedTagValues> variableValues = new LinkedHashMap<>();

	private final ConcurrentHashMap<GroupKey, TrafficGroup> groups = new ConcurrentHashMap<>();

	private final List<Consumer<TrafficGroup>> groupCallbacks = new CopyOnWriteArrayList<>();

	/**
	 * Create a recorder that groups by endpoint only.
	 * @param pollingModel what polling would have cost
	 */
	public TrafficRecorder(PollingModel pollingModel) {
		this(pollingModel, List.of(), 1);
	}

	/**
	 * Create a recorder.
	 * @param pollingModel what polling would have cost
	 * @param variableTagNames the path variables whose values split the groups
	 * @param maxValuesPerVariable the distinct values kept per variable; later ones are
	 * grouped as {@code OTHER}
	 */
	public TrafficRecorder(PollingModel pollingModel, List<String> variableTagNames, int maxValuesPerVariable) {
		this.pollingModel = pollingModel;
		this.variableTagNames = List.copyOf(variableTagNames);
		for (String name : this.variableTagNames) {
			this.variableValues.put(name, new BoundedTagValues(maxValuesPerVariable));
		}
	}

	/**
	 * Return the polling model.
	 * @return the model
	 */
	public PollingModel pollingModel() {
		return this.pollingModel;
	}

	/**
	 * Create the groups of endpoints that need no variable value, so that their meters
	 * exist before the first session.
	 * @param endpoints the server's endpoints
	 */
	public void register(Collection<Endpoint> endpoints) {
		for (Endpoint endpoint : endpoints) {
			List<String> variables = PathTemplate.parse(endpoint.pathTemplate()).variableNames();
			if (this.variableTagNames.stream().noneMatch(variables::contains)) {
				group(keyOf(endpoint.pathTemplate(), Map.of(), true));
			}
		}
	}

	/**
	 * Call back for every group, those that exist now and those created later (on an
	 * event-loop thread: the callback must be fast and must not throw).
	 * @param callback the callback
	 */
	public synchronized void onGroup(Consumer<TrafficGroup> callback) {
		this.groupCallbacks.add(callback);
		for (TrafficGroup group : this.groups.values()) {
			callback.accept(group);
		}
	}

	/**
	 * Return the groups.
	 * @return a snapshot of the groups
	 */
	public List<TrafficGroup> groups() {
		return List.copyOf(this.groups.values());
	}

	/**
	 * Return the sum of every group's traffic.
	 * @return the totals
	 */
	public TrafficSnapshot totals() {
		TrafficSnapshot totals = TrafficSnapshot.EMPTY;
		for (TrafficGroup group : this.groups.values()) {
			totals = totals.plus(group.snapshot());
		}
		return totals;
	}

	/**
	 * Return the group that a session's traffic is counted in.
	 * @param session the session
	 * @return the group
	 */
	public TrafficGroup groupOf(WsSession session) {
		TrackedSession tracked = tracked(session);
		return (tracked != null) ? tracked.group()
				: group(keyOf(session.pathTemplate(), session.pathVariables(), true));
	}

	/**
	 * Return the header bytes that polling would have spent on each message of a session.
	 * @param session the session
	 * @return bytes per message
	 */
	public long pollingOverheadBytes(WsSession session) {
		TrackedSession tracked = tracked(session);
		return (tracked != null) ? tracked.pollingOverheadBytes()
				: this.pollingModel.overheadBytes(session.handshakeRequest());
	}

	/**
	 * Return the traffic of one open session.
	 * @param session the session
	 * @return its counters, or {@code null} when it was not seen opening
	 */
	public @Nullable TrafficSnapshot snapshotOf(WsSession session) {
		TrackedSession tracked = tracked(session);
		if (tracked == null) {
			return null;
		}
		long[] values = new long[TrafficMeasure.ALL.length];
		for (TrafficMeasure measure : TrafficMeasure.ALL) {
			values[measure.ordinal()] = measure.of(tracked);
		}
		return new TrafficSnapshot(values, session.isOpen() ? 1 : 0, tracked.stats().queuedBytes());
	}

	@Override
	public void sessionOpened(WsSession session) {
		try {
			TrafficGroup group = group(keyOf(session.pathTemplate(), session.pathVariables(), true));
			TrackedSession tracked = new TrackedSession(session,
					this.pollingModel.overheadBytes(session.handshakeRequest()), group);
			group.opened(tracked);
		}
		catch (RuntimeException ex) {
			// the engine calls this on an event loop: never let it fail the session
			logger.warn("Could not record the traffic of WebSocket session " + session.id(), ex);
		}
	}

	@Override
	public void sessionClosed(WsSession session, CloseStatus status, CloseInitiator initiator) {
		TrackedSession tracked = tracked(session);
		if (tracked != null) {
			tracked.group().closed(tracked);
		}
	}

	/**
	 * Return how an open session is tracked, from the group its path puts it in: the
	 * group holds its open sessions, so that the recorder needs no map of its own. The
	 * key is worked out without admitting new tag values.
	 */
	private @Nullable TrackedSession tracked(WsSession session) {
		TrafficGroup group = this.groups.get(keyOf(session.pathTemplate(), session.pathVariables(), false));
		return (group != null) ? group.tracked(session) : null;
	}

	/**
	 * Return the group key of an endpoint and its path variables.
	 * @param admit whether a path variable value not seen before may become a tag value
	 * (when the session opens), or maps to the overflow value (when looking it up)
	 */
	private GroupKey keyOf(String endpoint, Map<String, String> pathVariables, boolean admit) {
		if (this.variableTagNames.isEmpty()) {
			return new GroupKey(endpoint, List.of());
		}
		List<String> values = new ArrayList<>(this.variableTagNames.size());
		for (String name : this.variableTagNames) {
			String value = pathVariables.get(name);
			BoundedTagValues tagValues = this.variableValues.get(name);
			values.add((value == null) ? NO_VARIABLE
					: admit ? tagValues.tagValue(value) : tagValues.admittedTagValue(value));
		}
		return new GroupKey(endpoint, values);
	}

	private TrafficGroup group(GroupKey key) {
		TrafficGroup group = this.groups.get(key);
		return (group != null) ? group : createGroup(key);
	}

	private synchronized TrafficGroup createGroup(GroupKey key) {
		TrafficGroup group = this.groups.get(key);
		if (group != null) {
			return group;
		}
		Map<String, String> tags = new LinkedHashMap<>();
		for (int i = 0; i < this.variableTagNames.size(); i++) {
			tags.put(this.variableTagNames.get(i), key.values().get(i));
		}
		group = new TrafficGroup(key.endpoint(), tags);
		this.groups.put(key, group);
		for (Consumer<TrafficGroup> callback : this.groupCallbacks) {
			try {
				callback.accept(group);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not bind the meters of " + group, ex);
			}
		}
		return group;
	}

	private record GroupKey(String endpoint, List<String> values) {

	}

}
