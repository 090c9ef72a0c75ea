package io.wsboot.endpoint.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.endpoint.broadcast.Broadcast;
import io.wsboot.endpoint.broadcast.BroadcastTarget;
import io.wsboot.endpoint.broadcast.LocalBroadcastFanOut;
import io.wsboot.endpoint.codec.JacksonJsonCodec;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PreparedMessage;
import io.wsboot.engine.testclient.SocketlessSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SessionRegistry}, {@link WsSessions} and the local fan-out, with
 * sessions that need no socket.
 */
class SessionRegistryTests {

	private final SessionRegistry registry = new SessionRegistry(new JacksonJsonCodec(new JsonMapper()));

	private final WsSessions sessions = new WsSessions(this.registry, new LocalBroadcastFanOut(this.registry),
			new JacksonJsonCodec(new JsonMapper()));

	@Nested
	@DisplayName("the upgrade request")
	class UpgradeRequest {

		@Test
		void isParsedOncePerSessionAndKept() {
			SocketlessSession engineSession = open("a", "/chat");
			EndpointSession session = SessionRegistryTests.this.registry.find("a");
			// the engine session parses its kept head again on every call
			assertThat(engineSession.handshakeRequest()).isNotSameAs(engineSession.handshakeRequest());
			assertThat(session.handshakeRequest()).isSameAs(session.handshakeRequest());
			assertThat(session.handshakeRequest().path()).isEqualTo("/chat");
			assertThat(session.queryParameter("missing")).isEmpty();
			assertThat(session.handshakeHeader("host")).isNull();
		}

	}

	@Nested
	@DisplayName("broadcasts are encoded once")
	class EncodedOnce {

		@Test
		void everySessionGetsTheSamePreparedMessage() {
			List<SocketlessSession> feed = List.of(open("a", "/feed"), open("b", "/feed"));
			SocketlessSession other = open("c", "/other");
			sessions.sendToEndpoint("/feed", "news").join();
			SocketlessSession a = feed.get(0);
			SocketlessSession b = feed.get(1);
			assertThat(a.sent).hasSize(1);
			assertThat(b.sent).hasSize(1);
			assertThat(a.sent.get(0)).isSameAs(b.sent.get(0));
			assertThat(other.sent).isEmpty();
			PreparedMessage message = (PreparedMessage) a.sent.get(0);
			assertThat(message.type()).isEqualTo(OpCode.TEXT);
		}

		@Test
		void objectsAreJsonBytesAreBinary() {
			SocketlessSession a = open("a", "/feed");
			sessions.sendToAll(new Event("x")).join();
			sessions.sendToAll(new byte[] { 1, 2 }).join();
			PreparedMessage json = (PreparedMessage) a.sent.get(0);
			PreparedMessage binary = (PreparedMessage) a.sent.get(1);
			assertThat(json.type()).isEqualTo(OpCode.TEXT);
			assertThat(text(json)).isEqualTo("{\"name\":\"x\"}");
			assertThat(binary.type()).isEqualTo(OpCode.BINARY);
			assertThat(binary.payload().remaining()).isEqualTo(2);
		}

		@Test
		void closedSessionsAreSkipped() {
			SocketlessSession a = open("a", "/feed");
			SocketlessSession b = open("b", "/feed");
			b.close(CloseStatus.NORMAL);
			assertThat(registry.deliver(new Broadcast(new BroadcastTarget.AllSessions(), PreparedMessage.text("x"))))
				.isEqualTo(1);
			assertThat(a.sent).hasSize(1);
			assertThat(b.sent).isEmpty();
		}

	}

	@Nested
	@DisplayName("groups")
	class Groups {

		@Test
		void membersJoinAndLeave() {
			SocketlessSession a = open("a", "/chat/{room}");
			SocketlessSession b = open("b", "/chat/{room}");
			EndpointSession sessionA = registry.find(a.id());
			EndpointSession sessionB = registry.find(b.id());
			sessionA.join("room:1");
			sessionB.join("room:1");
			sessionB.join("room:2");
			sessionB.leave("room:1");
			sessions.sendToGroup("room:1", "one").join();
			sessions.sendToGroup("room:2", "two").join();
			assertThat(a.sent).extracting((m) -> text((PreparedMessage) m)).containsExactly("one");
			assertThat(b.sent).extracting((m) -> text((PreparedMessage) m)).containsExactly("two");
			assertThat(sessionB.groups()).containsExactly("room:2");
			assertThat(registry.groups()).containsExactlyInAnyOrder("room:1", "room:2");
		}

		@Test
		void unregisteringLeavesEveryGroupButKeepsTheNamesReadable() {
			open("a", "/chat/{room}");
			EndpointSession session = registry.find("a");
			session.join("room:1");
			registry.unregister(session);
			assertThat(registry.members("room:1")).isEmpty();
			assertThat(registry.groups()).isEmpty();
			assertThat(registry.find("a")).isNull();
			assertThat(session.groups()).containsExactly("room:1");
			session.join("room:late");
			assertThat(registry.members("room:late")).isEmpty();
		}

		@Test
		void aSessionThatNeverJoinedHasNoGroupsAndMayLeaveOne() {
			open("a", "/chat/{room}");
			EndpointSession session = registry.find("a");
			assertThat(session.groups()).isEmpty();
			session.leave("room:1");
			registry.unregister(session);
			assertThat(session.groups()).isEmpty();
			assertThat(registry.groups()).isEmpty();
		}

		@Test
		void predicateSendsReachOnlyMatchingSessions() {
			SocketlessSession a = open("a", "/feed");
			SocketlessSession b = open("b", "/feed");
			assertThat(sessions.sendTo((session) -> session.id().equals("b"), "only b")).isEqualTo(1);
			assertThat(a.sent).isEmpty();
			assertThat(b.sent).hasSize(1);
		}

	}

	@Nested
	@DisplayName("change listeners (cluster presence)")
	class ChangeListeners {

		@Test
		void everyRegistrationAndMembershipChangeIsReported() {
			AtomicInteger changes = new AtomicInteger();
			registry.addChangeListener(changes::incrementAndGet);
			EndpointSession session = registry.register(new SocketlessSession("a", "/feed"));
			assertThat(changes).hasValue(1);
			session.join("lobby");
			assertThat(changes).hasValue(2);
			session.leave("lobby");
			assertThat(changes).hasValue(3);
			registry.unregister(session);
			assertThat(changes).hasValue(4);
		}

	}

	@Nested
	@DisplayName("EndpointSession")
	class Session {

		@Test
		void sendObjectEncodesJsonEvenForStrings() {
			SocketlessSession a = open("a", "/feed");
			registry.find("a").sendObject("text");
			registry.find("a").sendObject(new Event("e"));
			assertThat(a.sent).containsExactly("\"text\"", "{\"name\":\"e\"}");
		}

		@Test
		void sendObjectWithoutCodecFails() {
			SessionRegistry withoutCodec = new SessionRegistry(null);
			EndpointSession session = withoutCodec.register(new SocketlessSession("a", "/feed"));
			assertThatIllegalStateException().isThrownBy(() -> session.sendObject(new Event("e")))
				.withMessageContaining("no JsonCodec bean");
		}

		@Test
		void closeRejectsCodesThatMayNotBeSent() {
			open("a", "/feed");
			// RFC 6455 §7.4.1: 1005 and 1006 are never sent in a close frame
			assertThatIllegalArgumentException().isThrownBy(() -> registry.find("a").close(1006, "no"))
				.withMessage("close code 1006 may not be sent in a close frame");
		}

		@Test
		void closeSendsCodeAndReason() {
			SocketlessSession a = open("a", "/feed");
			registry.find("a").close(4001, "kicked");
			assertThat(a.closedWith()).isEqualTo(new CloseStatus(4001, "kicked"));
			assertThat(registry.find("a").isOpen()).isFalse();
		}

	}

	private static String text(PreparedMessage message) {
		return StandardCharsets.UTF_8.decode(message.payload()).toString();
	}

	record Event(String name) {
	}

	private SocketlessSession open(String id, String template) {
		SocketlessSession session = new SocketlessSession(id, template);
		this.registry.register(session);
		return session;
	}

}
