package io.wsboot.engine;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsServerListener#composite(List)}.
 *
 * @author wsboot
 */
class CompositeServerListenerTests {

	private final List<String> calls = new ArrayList<>();

	@Test
	void callsEveryListenerInOrder() {
		WsServerListener composite = WsServerListener.composite(List.of(recording("a"), recording("b")));
		composite.handshakeRejected(null, new WsHandshakeException(RejectionReason.ORIGIN_NOT_ALLOWED, "origin"));
		composite.sessionClosed(null, CloseStatus.NORMAL, CloseInitiator.CLIENT);
		assertThat(this.calls).containsExactly("a rejected 403 origin-not-allowed", "b rejected 403 origin-not-allowed",
				"a closed 1000 CLIENT", "b closed 1000 CLIENT");
	}

	@Test
	void aFailingListenerDoesNotStopTheOthers() {
		WsServerListener failing = new WsServerListener() {

			@Override
			public void sessionOpened(WsSession session) {
				throw new IllegalStateException("broken");
			}

		};
		WsServerListener composite = WsServerListener.composite(List.of(failing, recording("after")));
		composite.sessionOpened(null);
		assertThat(this.calls).containsExactly("after opened");
	}

	@Test
	void nestedCompositesAreFlattenedAndNoneIsLeftOut() {
		WsServerListener inner = WsServerListener.composite(List.of(recording("a"), recording("b")));
		WsServerListener outer = WsServerListener
			.composite(List.of(WsServerListener.NONE, inner, recording("c"), WsServerListener.NONE));
		outer.sessionOpened(null);
		assertThat(this.calls).containsExactly("a opened", "b opened", "c opened");
		assertThat(outer.toString()).startsWith("CompositeServerListener[");
	}

	@Test
	void noListenerGivesNoneAndOneGivesItself() {
		WsServerListener only = recording("only");
		assertThat(WsServerListener.composite(List.of())).isSameAs(WsServerListener.NONE);
		assertThat(WsServerListener.composite(List.of(WsServerListener.NONE))).isSameAs(WsServerListener.NONE);
		assertThat(WsServerListener.composite(List.of(WsServerListener.NONE, only))).isSameAs(only);
	}

	private WsServerListener recording(String name) {
		return new WsServerListener() {

			@Override
			public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
				CompositeServerListenerTests.this.calls
					.add(name + " rejected " + rejection.httpStatus() + " " + rejection.reason().tagValue());
			}

			@Override
			public void sessionOpened(WsSession session) {
				CompositeServerListenerTests.this.calls.add(name + " opened");
			}

			@Override
			public void sessionClosed(WsSession session, CloseStatus status, CloseInitiator initiator) {
				CompositeServerListenerTests.this.calls.add(name + " closed " + status.code() + " " + initiator);
			}

		};
	}

}
