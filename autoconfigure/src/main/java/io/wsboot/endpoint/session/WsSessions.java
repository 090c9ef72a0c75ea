package io.wsboot.endpoint.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastFanOut;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.engine.PreparedMessage;
import org.jspecify.annotations.Nullable;

/**
 * The sessions of the annotated endpoints and the way to broadcast to them. Each message
 * is encoded once and the same frame bytes are shared by every recipient. Messages follow
 * one rule: a {@code String} is text, {@code byte[]} and {@code ByteBuffer} are binary, a
 * {@link PreparedMessage} is sent as it is, anything else is JSON text.
 *
 * <p>
 * Sends to an endpoint, a group or everyone go through the {@link BroadcastFanOut}, so
 * that with a scale-out implementation they reach the sessions of every node. Sends with
 * a {@link Predicate} and the session views are about this node only.
 *
 * @author wsboot
 */
public final class WsSessions {

	private final SessionRegistry registry;

	private final BroadcastFanOut fanOut;

	private final @Nullable JsonCodec codec;

	/**
	 * Create the broadcaster.
	 * @param registry this node's sessions
	 * @param fanOut how broadcasts reach every node
	 * @param codec the JSON codec, or {@code null} when none is available
	 */
	public WsSessions(SessionRegistry registry, BroadcastFanOut fanOut, @Nullable JsonCodec codec) {
		this.registry = registry;
		this.fanOut = fanOut;
		this.codec = codec;
	}

	/**
	 * Send a message to every session of every endpoint.
	 * @param message the message
	 * @return completes when the broadcast was published
	 */
	public CompletableFuture<Void> sendToAll(Object message) {
		return publish(new BroadcastTarget.AllSessions(), message);
	}

	/**
	 * Send a message to every session of one endpoint.
	 * @param pathTemplate the endpoint's path template, such as {@code /chat/{room}}
	 * @param message the message
	 * @return completes when the broadcast was published
	 */
	public CompletableFuture<Void> sendToEndpoint(String pathTemplate, Object message) {
		return publish(new BroadcastTarget.EndpointSessions(pathTemplate), message);
	}

	/**
	 * Send a message to every member of a group.
	 * @param group the group name
	 * @param message the message
	 * @return completes when the broadcast was published
	 */
	public CompletableFuture<Void> sendToGroup(String group, Object message) {
		return publish(new BroadcastTarget.Group(group), message);
	}

	/**
	 * Send a message to every session of one user: the sessions whose
	 * {@linkplain EndpointSession#principal() principal} has this name, on every node
	 * when the cluster is on. Needs the Spring Security integration, which indexes the
	 * sessions by user.
	 * @param user the principal name
	 * @param message the message
	 * @return completes when the message was published
	 */
	public CompletableFuture<Void> sendToUser(String user, Object message) {
		return publish(new BroadcastTarget.User(user), message);
	}

	/**
	 * Return the users with open sessions on this node and how many each has.
	 * @return session counts by principal name
	 */
	public Map<String, Integer> users() {
		return this.registry.users();
	}

	/**
	 * Send a message to the sessions of this node that match a filter.
	 * @param filter which sessions to send to
	 * @param message the message
	 * @return the number of sessions the message was queued for
	 */
	public int sendTo(Predicate<? super EndpointSession> filter, Object message) {
		return this.registry.deliver(filter, Messages.prepare(message, this.codec));
	}

	private CompletableFuture<Void> publish(BroadcastTarget target, Object message) {
		return this.fanOut.publish(new Broadcast(target, Messages.prepare(message, this.codec)));
	}

	/**
	 * Add a session to a group.
	 * @param session the session
	 * @param group the group name
	 */
	public void join(EndpointSession session, String group) {
		session.join(group);
	}

	/**
	 * Remove a session from a group.
	 * @param session the session
	 * @param group the group name
	 */
	public void leave(EndpointSession session, String group) {
		session.leave(group);
	}

	/**
	 * Return the open sessions of this node.
	 * @return a snapshot
	 */
	public Collection<EndpointSession> sessions() {
		return this.registry.sessions();
	}

	/**
	 * Return the open sessions of one endpoint on this node.
	 * @param pathTemplate the endpoint's path template
	 * @return a snapshot
	 */
	public Collection<EndpointSession> sessions(String pathTemplate) {
		return this.registry.sessions(pathTemplate);
	}

	/**
	 * Return the members of a group on this node.
	 * @param group the group name
	 * @return a snapshot
	 */
	public Collection<EndpointSession> members(String group) {
		return this.registry.members(group);
	}

	/**
	 * Return a session of this node by id.
	 * @param id the session id
	 * @return the session, or {@code null} when it is not open here
	 */
	public @Nullable EndpointSession find(String id) {
		return this.registry.find(id);
	}

}
