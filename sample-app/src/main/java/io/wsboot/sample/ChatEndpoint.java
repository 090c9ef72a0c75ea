package io.wsboot.sample;

import io.wsboot.annotation.OnClose;
import io.wsboot.annotation.OnMessage;
import io.wsboot.annotation.OnOpen;
import io.wsboot.annotation.PathParam;
import io.wsboot.annotation.QueryParam;
import io.wsboot.annotation.WsEndpoint;
import io.wsboot.session.EndpointSession;
import io.wsboot.session.WsSessions;
import org.jspecify.annotations.Nullable;

/**
 * A chat with rooms: {@code ws://localhost:8090/chat/lobby?user=ada}. Each room is a
 * group; joining and leaving are announced to the room, and each message is broadcast to
 * it as JSON, encoded once for all members.
 *
 * @author wsboot
 */
@WsEndpoint(path = "/chat/{room}", maxMessageSize = "64KB")
class ChatEndpoint {

	private static final String USER = "user";

	private final WsSessions sessions;

	ChatEndpoint(WsSessions sessions) {
		this.sessions = sessions;
	}

	@OnOpen
	void open(EndpointSession session, @PathParam("room") String room, @QueryParam("user") @Nullable String user) {
		String name = (user != null && !user.isBlank()) ? user : "anonymous-" + session.id();
		session.attributes().put(USER, name);
		session.join(group(room));
		this.sessions.sendToGroup(group(room), ChatEvent.join(room, name));
	}

	@OnMessage
	void message(ChatMessage message, EndpointSession session, @PathParam("room") String room) {
		this.sessions.sendToGroup(group(room), ChatEvent.message(room, user(session), message.text()));
	}

	@OnClose
	void close(EndpointSession session, @PathParam("room") String room) {
		this.sessions.sendToGroup(group(room), ChatEvent.leave(room, user(session)));
	}

	private static String user(EndpointSession session) {
		return (String) session.attributes().get(USER);
	}

	private static String group(String room) {
		return "room:" + room;
	}

}
