package io.wsboot.sample;

import java.security.Principal;
import java.util.List;

import io.wsboot.endpoint.annotation.OnClose;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.OnOpen;
import io.wsboot.endpoint.annotation.PathParam;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.WsSessions;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * A chat with rooms: {@code ws://localhost:8090/chat/lobby}, for authenticated users only
 * (the page offers its token as the subprotocol entry {@code wsboot.bearer.<token>}
 * beside {@code chat}, the one selected). Messages carry the authenticated user's name,
 * never one the client chose. Each room is a group; joining and leaving are announced to
 * the room, each followed by the room's new list of users, and each message is broadcast
 * to it as JSON, encoded once for all members.
 *
 * @author wsboot
 */
@WsEndpoint(path = "/chat/{room}", maxMessageSize = "64KB", subprotocols = "chat")
@PreAuthorize("isAuthenticated()")
class ChatEndpoint {

	private static final String USER = "user";

	private final WsSessions sessions;

	private static final int ROOM_LOCK_STRIPES = 64;

	private static final int MAX_NAME_CODE_POINTS = 40;

	// a lock per room (striped, since clients name the rooms), so that the presence lists
	// of concurrent joins and leaves reach every member in the order the room changed
	private final Object[] roomLocks = new Object[ROOM_LOCK_STRIPES];

	ChatEndpoint(WsSessions sessions) {
		this.sessions = sessions;
		for (int i = 0; i < ROOM_LOCK_STRIPES; i++) {
			this.roomLocks[i] = new Object();
		}
	}

	@OnOpen
	void open(EndpointSession session, @PathParam("room") String room, Principal principal) {
		String name = shorten(principal.getName());
		session.attributes().put(USER, name);
		synchronized (lock(room)) {
			session.join(group(room));
			this.sessions.sendToGroup(group(room), ChatEvent.join(room, name));
			this.sessions.sendToGroup(group(room), presence(room, null));
		}
	}

	@OnMessage
	void message(ChatMessage message, EndpointSession session, @PathParam("room") String room) {
		this.sessions.sendToGroup(group(room), ChatEvent.message(room, user(session), message.text()));
	}

	@OnClose
	void close(EndpointSession session, @PathParam("room") String room) {
		synchronized (lock(room)) {
			this.sessions.sendToGroup(group(room), ChatEvent.leave(room, user(session)));
			this.sessions.sendToGroup(group(room), presence(room, session));
		}
	}

	private PresenceEvent presence(String room, @Nullable EndpointSession leaving) {
		List<String> users = this.sessions.members(group(room))
			.stream()
			.filter((member) -> member != leaving && member.isOpen())
			.map(ChatEndpoint::user)
			.sorted(String.CASE_INSENSITIVE_ORDER)
			.toList();
		return new PresenceEvent("presence", room, users);
	}

	private Object lock(String room) {
		return this.roomLocks[Math.floorMod(room.hashCode(), ROOM_LOCK_STRIPES)];
	}

	// every member receives every name in each presence list
	private static String shorten(String name) {
		return (name.codePointCount(0, name.length()) > MAX_NAME_CODE_POINTS)
				? name.substring(0, name.offsetByCodePoints(0, MAX_NAME_CODE_POINTS)) : name;
	}

	private static String user(EndpointSession session) {
		return (String) session.attributes().get(USER);
	}

	private static String group(String room) {
		return "room:" + room;
	}

}
