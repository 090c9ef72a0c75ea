package io.wsboot.endpoint.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.endpoint.broadcast.LocalDelivery;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of this node's annotated endpoints, indexed by endpoint and by group, and
 * the {@link LocalDelivery} of broadcasts: a broadcast's message is prepared once and the
 * same {@link PreparedMessage} is queued on every matching session.
 *
 * @author wsboot
 */
public final class SessionRegistry implements LocalDelivery {

	private final @Nullable JsonCodec codec;

	private final Map<String, DefaultEndpointSession> sessions = new ConcurrentHashMap<>();

	private final Map<String, Set<DefaultEndpointSession>> byEndpoint = new ConcurrentHashMap<>();

	private final Map<String, Set<DefaultEndpointSession>> byGroup = new ConcurrentHashMap<>();

	/**
	 * Sessions by principal name, kept only once {@link #indexPrincipals()} was called.
	 */
	private final Map<String, Set<DefaultEndpointSession>> byUser = new ConcurrentHashMap<>();

	private volatile boolean principalsIndexed;

	private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

	private final Map<String, LocalDelivery> groupRoutes = new ConcurrentHashMap<>();

	private final Object quiescenceMonitor = new Object();

	private int active;

	/**
	 * Create a registry.
	 * @param codec the codec for {@code sendObject}, or {@code null} when none is
	 * available
	 */
	public SessionRegistry(@Nullable JsonCodec codec) {
		this.codec = codec;
	}

	/**
	 * Return the codec for {@code sendObject}; the sessions ask for it here rather than
	 * keeping a reference each.
	 * @return the codec, or {@code null} when none is available
	 */
	@Nullable JsonCodec codec() {
		return this.codec;
	}

	/**
	 * Register a session that just opened.
	 * @param session the engine's session
	 * @return the endpoint session wrapping it
	 */
	public EndpointSession register(WsSession session) {
		DefaultEndpointSession endpointSession = new DefaultEndpointSession(session, this);
		synchronized (this.quiescenceMonitor) {
			this.active++;
		}
		this.sessions.put(session.id(), endpointSession);
		this.byEndpoint.computeIfAbsent(session.pathTemplate(), (key) -> ConcurrentHashMap.newKeySet())
			.add(endpointSession);
		if (this.principalsIndexed) {
			String user = endpointSession.principalName();
			if (user != null) {
				this.byUser.computeIfAbsent(user, (key) -> ConcurrentHashMap.newKeySet()).add(endpointSession);
			}
		}
		changed();
		return endpointSession;
	}

	/**
	 * Keep an index of the sessions by the name of their
	 * {@linkplain EndpointSession#principal() principal}, for
	 * {@link WsSessions#sendToUser(String, Object)}; called by the security integration
	 * before the server starts. Without it, sessions are not indexed by user, so that
	 * applications without authentication pay nothing for it.
	 */
	public void indexPrincipals() {
		this.principalsIndexed = true;
	}

	/**
	 * Add a listener that is called after a session registered, unregistered, joined or
	 * left a group, such as a cluster's presence that publishes this node's sessions. It
	 * runs on the thread that made the change, so it must return quickly.
	 * @param listener the listener
	 */
	public void addChangeListener(Runnable listener) {
		this.changeListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Hand broadcasts to groups whose name starts with a prefix to another delivery
	 * instead of the group's members, such as streams, which decide per session what to
	 * send. The route sees broadcasts from this node and from every other one.
	 * @param groupPrefix the prefix of the group names, such as {@code wsboot.stream:}
	 * @param delivery the delivery of those broadcasts
	 */
	public void routeGroups(String groupPrefix, LocalDelivery delivery) {
		this.groupRoutes.put(Objects.requireNonNull(groupPrefix, "groupPrefix"),
				Objects.requireNonNull(delivery, "delivery"));
	}

	private void changed() {
		for (Runnable listener : this.changeListeners) {
			listener.run();
		}
	}

	/**
	 * Remove a closed session from the indexes, so that broadcasts skip it; its
	 * {@link EndpointSession#groups()} stay readable.
	 * @param session the session
	 */
	public void unregister(EndpointSession session) {
		DefaultEndpointSession endpointSession = (DefaultEndpointSession) session;
		endpointSession.markUnregistered();
		this.sessions.remove(session.id(), endpointSession);
		remove(this.byEndpoint, session.pathTemplate(), endpointSession);
		for (String group : endpointSession.groupSet()) {
			remove(this.byGroup, group, endpointSession);
		}
		if (this.principalsIndexed) {
			String user = endpointSession.principalName();
			if (user != null) {
				remove(this.byUser, user, endpointSession);
			}
		}
		changed();
	}

	/**
	 * Record that everything a closed session's handler had to do is done, so that a
	 * graceful stop can stop waiting for it.
	 * @param session the session
	 */
	public void completed(EndpointSession session) {
		synchronized (this.quiescenceMonitor) {
			this.active--;
			this.quiescenceMonitor.notifyAll();
		}
	}

	/**
	 * Wait until every registered session has {@linkplain #completed(EndpointSession)
	 * completed}.
	 * @param timeout the longest time to wait
	 * @return whether every session completed in time
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitCompletion(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.quiescenceMonitor) {
			while (this.active > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.quiescenceMonitor.wait(Math.max(1, remaining / 1_000_000));
			}
			return true;
		}
	}

	void join(DefaultEndpointSession session, String group) {
		Objects.requireNonNull(group, "group");
		session.addGroup(group);
		this.byGroup.compute(group, (key, members) -> {
			// a session that already closed must not be left behind in a group
			if (session.isUnregistered()) {
				return members;
			}
			Set<DefaultEndpointSession> result = (members != null) ? members : ConcurrentHashMap.newKeySet();
			result.add(session);
			return result;
		});
		changed();
	}

	void leave(DefaultEndpointSession session, String group) {
		session.removeGroup(group);
		remove(this.byGroup, group, session);
		changed();
	}

	private static void remove(Map<String, Set<DefaultEndpointSession>> index, String key,
			DefaultEndpointSession session) {
		index.computeIfPresent(key, (name, members) -> {
			members.remove(session);
			return members.isEmpty() ? null : members;
		});
	}

	/**
	 * Return a session of this node by id.
	 * @param id the session id
	 * @return the session, or {@code null} when it is not open here
	 */
	public @Nullable EndpointSession find(String id) {
		return this.sessions.get(id);
	}

	/**
	 * Return the open sessions of this node.
	 * @return a snapshot
	 */
	public Collection<EndpointSession> sessions() {
		return List.copyOf(this.sessions.values());
	}

	/**
	 * Return the open sessions of one endpoint on this node.
	 * @param pathTemplate the endpoint's path template
	 * @return a snapshot
	 */
	public Collection<EndpointSession> sessions(String pathTemplate) {
		return snapshot(this.byEndpoint.get(pathTemplate));
	}

	/**
	 * Return the members of a group on this node.
	 * @param group the group name
	 * @return a snapshot
	 */
	public Collection<EndpointSession> members(String group) {
		return snapshot(this.byGroup.get(group));
	}

	/**
	 * Return the open sessions of one user on this node.
	 * @param user the principal name
	 * @return a snapshot, empty unless {@link #indexPrincipals()} was called
	 */
	public Collection<EndpointSession> sessionsOf(String user) {
		return snapshot(this.byUser.get(user));
	}

	/**
	 * Return the users with open sessions on this node and their number of sessions.
	 * @return a snapshot, by principal name, sorted by name
	 */
	public Map<String, Integer> users() {
		Map<String, Integer> users = new java.util.TreeMap<>();
		this.byUser.forEach((user, sessions) -> {
			if (!sessions.isEmpty()) {
				users.put(user, sessions.size());
			}
		});
		return users;
	}

	/**
	 * Return the groups that have members on this node.
	 * @return a snapshot of the names
	 */
	public Set<String> groups() {
		return Set.copyOf(this.byGroup.keySet());
	}

	private static Collection<EndpointSession> snapshot(@Nullable Set<DefaultEndpointSession> members) {
		return (members != null) ? List.copyOf(members) : List.of();
	}

	@Override
	public int deliver(Broadcast broadcast) {
		BroadcastTarget target = broadcast.target();
		Collection<? extends EndpointSession> recipients;
		if (target instanceof BroadcastTarget.Group group) {
			if (!this.groupRoutes.isEmpty()) {
				for (Map.Entry<String, LocalDelivery> route : this.groupRoutes.entrySet()) {
					if (group.name().startsWith(route.getKey())) {
						return route.getValue().deliver(broadcast);
					}
				}
			}
			recipients = members(group.name());
		}
		else if (target instanceof BroadcastTarget.EndpointSessions endpoint) {
			recipients = sessions(endpoint.pathTemplate());
		}
		else if (target instanceof BroadcastTarget.User user) {
			recipients = sessionsOf(user.name());
		}
		else {
			recipients = sessions();
		}
		return send(recipients, broadcast.message());
	}

	/**
	 * Queue a message on the open sessions of this node that match a filter.
	 * @param filter which sessions to send to
	 * @param message the message, prepared once
	 * @return the number of sessions the message was queued for
	 */
	public int deliver(Predicate<? super EndpointSession> filter, PreparedMessage message) {
		List<EndpointSession> recipients = new ArrayList<>();
		for (EndpointSession session : this.sessions.values()) {
			if (filter.test(session)) {
				recipients.add(session);
			}
		}
		return send(recipients, message);
	}

	private static int send(Collection<? extends EndpointSession> recipients, PreparedMessage message) {
		int queued = 0;
		for (EndpointSession session : recipients) {
			if (session.isOpen()) {
				session.unwrap().send(message);
				queued++;
			}
		}
		return queued;
	}

}
