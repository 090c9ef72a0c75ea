package io.wsboot.engine.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.FrameListener;
import io.wsboot.engine.FrameSummary;
import io.wsboot.engine.FrameSummary.Direction;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@link WsServerListener} hooks of observations and traffic logs:
 * {@link WsServerListener#handshakeStarted} and {@link WsServerListener#frameListener}.
 *
 * @author wsboot
 */
class ListenerHooksTests {

	private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

	@Test
	void handshakeStartedGetsTheRequestThatTheSessionOrTheRejectionGets() throws Exception {
		try (EchoServerFixture server = EchoServerFixture.start((config) -> config.withListener(recording(0)))) {
			try (RawWsClient client = RawWsClient.connect(server.port())) {
				client.upgrade(UpgradeRequest.get("/echo"));
				HandshakeRequest started = (HandshakeRequest) next();
				assertThat(next()).isSameAs(started);
			}
			try (RawWsClient client = RawWsClient.connect(server.port())) {
				assertThat(client
					.handshake(UpgradeRequest.get("/nowhere").header("Sec-WebSocket-Key", RawWsClient.randomKey()))
					.status()).isEqualTo(404);
				HandshakeRequest started = (HandshakeRequest) next();
				assertThat(started.path()).isEqualTo("/nowhere");
				assertThat(next()).isSameAs(started);
			}
		}
	}

	@Test
	void aFrameListenerSeesEachFrameBothWaysWithTheFirstBytesUnmasked() throws Exception {
		try (EchoServerFixture server = EchoServerFixture.start((config) -> config.withListener(recording(4)))) {
			try (RawWsClient client = RawWsClient.connect(server.port())) {
				client.upgrade(UpgradeRequest.get("/echo"));
				next();
				next();
				client.send(ClientFrames.text("hello"));
				ServerFrame echo = client.readFrame();
				assertThat(echo.text()).isEqualTo("hello");
				FrameSummary in = (FrameSummary) next();
				FrameSummary out = (FrameSummary) next();
				assertThat(in.direction()).isEqualTo(Direction.IN);
				assertThat(in.opCode()).isEqualTo(OpCode.TEXT);
				assertThat(in.fin()).isTrue();
				assertThat(in.payloadLength()).isEqualTo(5);
				assertThat(new String(in.payloadHead(), StandardCharsets.UTF_8)).isEqualTo("hell");
				assertThat(out.direction()).isEqualTo(Direction.OUT);
				assertThat(out.opCode()).isEqualTo(OpCode.TEXT);
				assertThat(new String(out.payloadHead(), StandardCharsets.UTF_8)).isEqualTo("hell");
				client.send(ClientFrames.ping(new byte[] { 1, 2 }));
				client.readFrame();
				assertThat((FrameSummary) next()).extracting(FrameSummary::opCode, FrameSummary::payloadLength)
					.containsExactly(OpCode.PING, 2L);
				assertThat((FrameSummary) next()).extracting(FrameSummary::direction, FrameSummary::opCode)
					.containsExactly(Direction.OUT, OpCode.PONG);
			}
		}
	}

	@Test
	void sessionsWithoutAFrameListenerAreNotTapped() throws Exception {
		try (EchoServerFixture server = EchoServerFixture.start((config) -> config.withListener(recording(-1)))) {
			try (RawWsClient client = RawWsClient.connect(server.port())) {
				client.upgrade(UpgradeRequest.get("/echo"));
				next();
				next();
				client.send(ClientFrames.text("hello"));
				assertThat(client.readFrame().text()).isEqualTo("hello");
			}
			assertThat(this.events.stream().filter(FrameSummary.class::isInstance).toList()).isEmpty();
		}
	}

	private Object next() throws InterruptedException {
		Object event = this.events.poll(10, TimeUnit.SECONDS);
		assertThat(event).as("listener event").isNotNull();
		return event;
	}

	/**
	 * A listener that records the start of each handshake, its end and, when
	 * {@code headBytes} is not negative, each frame.
	 */
	private WsServerListener recording(int headBytes) {
		return WsServerListener.composite(List.of(new WsServerListener() {

			@Override
			public void handshakeStarted(HandshakeRequest request) {
				ListenerHooksTests.this.events.add(request);
			}

			@Override
			public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
				ListenerHooksTests.this.events.add(request);
			}

			@Override
			public void sessionOpened(WsSession session) {
				ListenerHooksTests.this.events.add(session.handshakeRequest());
			}

			@Override
			public @Nullable FrameListener frameListener(WsSession session) {
				if (headBytes < 0) {
					return null;
				}
				return new FrameListener() {

					@Override
					public void frame(WsSession session, FrameSummary frame) {
						ListenerHooksTests.this.events.add(frame);
					}

					@Override
					public int payloadHeadBytes() {
						return headBytes;
					}

				};
			}

		}, WsServerListener.NONE));
	}

}
