package io.wsboot.endpoint.annotation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.wsboot.endpoint.session.EndpointSession;
import io.wsboot.endpoint.session.WsSessions;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient;
import io.wsboot.test.WsTestClient.HandshakeRejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The orderings a client can rely on with either dispatch, over real sockets: the reply
 * to a message received whole before a protocol violation arrives before the close frame
 * that fails the connection (RFC 6455 §7.1.7, §5.5.1), and a client that saw its
 * connection open finds the session set up by {@code @OnOpen}. Each subclass starts the
 * server with one {@code wsboot.endpoint.dispatch}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class AbstractOrderingTests {

	/**
	 * How long the echo endpoint works on each message, so that the close could overtake.
	 */
	static final Duration HANDLING_TIME = Duration.ofMillis(30);

	/** How long the blocking endpoint blocks on each message. */
	static final Duration BLOCKING_TIME = Duration.ofMillis(200);

	private static final int RACES = 1000;

	@LocalWsPort
	int port;

	private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopHttpExecutor() {
		this.httpExecutor.shutdownNow();
	}

	static Stream<Arguments> violations() {
		byte[] hello = ClientFrames.utf8("Hello");
		Stream<Arguments> frames = Stream.of(
				Arguments.of("RSV bits (Autobahn 3.2)",
						ClientFrames.frame(true, ClientFrames.RSV2, ClientFrames.TEXT, hello)),
				Arguments.of("reserved data opcode 3 (Autobahn 4.1.1)", ClientFrames.frame(true, 0, 3, new byte[0])),
				Arguments.of("reserved control opcode 0xB (Autobahn 4.2.1)",
						ClientFrames.frame(true, 0, 0xB, new byte[0])),
				Arguments.of("unexpected continuation (Autobahn 5.9)",
						ClientFrames.frame(true, 0, ClientFrames.CONTINUATION, hello)));
		return frames.flatMap((violation) -> Stream.of(1, Integer.MAX_VALUE)
			.map((chunk) -> Arguments.of(violation.get()[0], violation.get()[1], chunk)));
	}

	@ParameterizedTest(name = "{0}, writes of {2} bytes")
	@MethodSource("violations")
	void replyToTheValidMessageArrivesBeforeTheCloseFrame(String name, byte[] violation, int chunkBytes)
			throws IOException {
		try (RawWsClient client = RawWsClient.connect(this.port)) {
			assertThat(client.upgrade("/ordering/echo").status()).isEqualTo(101);
			byte[] bytes = ClientFrames.concat(ClientFrames.text("valid"), violation);
			for (int offset = 0; offset < bytes.length; offset += chunkBytes) {
				int length = Math.min(chunkBytes, bytes.length - offset);
				byte[] chunk = new byte[length];
				System.arraycopy(bytes, offset, chunk, 0, length);
				// the server may stop reading once it failed the connection
				client.sendQuietly(chunk);
			}
			// RFC 6455 §7.1.7: the message received whole before the violation is
			// answered
			ServerFrame echo = client.readFrame();
			assertThat(echo.header()).containsExactly(0x81, 5);
			assertThat(echo.payload()).containsExactly(ClientFrames.utf8("valid"));
			// RFC 6455 §5.5.1: then the close frame, and no data frame after it
			ServerFrame close = client.readClose();
			assertThat(close.header()[0] & 0xFF).isEqualTo(0x88);
			assertThat(close.closeCode()).isEqualTo(1002);
			client.sendQuietly(ClientFrames.close(1002, ""));
			client.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}
	}

	@Test
	void clientThatSawTheConnectionOpenReceivesWhatIsSentToTheRoomItJoinedInOnOpen() {
		HttpClient http = HttpClient.newBuilder().executor(this.httpExecutor).build();
		for (int i = 0; i < RACES; i++) {
			URI room = URI.create("ws://127.0.0.1:" + this.port + "/ordering/rooms/r" + i);
			try (WsTestClient listener = WsTestClient.builder().httpClient(http).connectAsync(room).join();
					WsTestClient speaker = WsTestClient.builder().httpClient(http).connectAsync(room).join()) {
				speaker.sendText("hi " + i);
				assertThat(listener.awaitText()).as("race %d", i).isEqualTo("hi " + i);
			}
		}
	}

	@Test
	void exceptionInOnOpenRefusesTheUpgradeWith500() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> WsTestClient.connect("ws://127.0.0.1:" + this.port + "/ordering/refused/boom"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(500));
	}

	@Test
	void handshakeExceptionInOnOpenRefusesTheUpgradeWithItsStatus() {
		assertThatExceptionOfType(HandshakeRejectedException.class)
			.isThrownBy(() -> WsTestClient.connect("ws://127.0.0.1:" + this.port + "/ordering/refused/403"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(403));
	}

	@Test
	void sendsOfOnOpenFollowThe101() throws IOException {
		try (RawWsClient client = RawWsClient.connect(this.port)) {
			assertThat(client.upgrade("/ordering/refused/no").status()).isEqualTo(101);
			assertThat(client.readFrame().text()).isEqualTo("welcome");
		}
	}

	/**
	 * Echoes each text message after working on it for {@link #HANDLING_TIME}.
	 */
	@WsEndpoint("/ordering/echo")
	static class SlowEchoEndpoint {

		@OnMessage
		String echo(String text) throws InterruptedException {
			// work, not synchronisation: without the engine holding the close frame back,
			// the close would overtake this reply
			Thread.sleep(HANDLING_TIME.toMillis());
			return text;
		}

	}

	/**
	 * Echoes each text message after blocking for {@link #BLOCKING_TIME}.
	 */
	@WsEndpoint("/ordering/blocking")
	static class BlockingEndpoint {

		@OnMessage
		String echo(String text) throws InterruptedException {
			// a handler that blocks, as one on a slow database would
			Thread.sleep(BLOCKING_TIME.toMillis());
			return text;
		}

	}

	/**
	 * Echoes each text message at once.
	 */
	@WsEndpoint("/ordering/fast")
	static class FastEchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	/**
	 * Joins the room of its path in {@code @OnOpen} and relays each message to the room.
	 */
	@WsEndpoint("/ordering/rooms/{room}")
	static class RoomEndpoint {

		private final WsSessions sessions;

		RoomEndpoint(WsSessions sessions) {
			this.sessions = sessions;
		}

		@OnOpen
		void open(EndpointSession session, @PathParam("room") String room) {
			session.join(room);
		}

		@OnMessage
		void relay(String text, @PathParam("room") String room) {
			this.sessions.sendToGroup(room, text);
		}

	}

	/**
	 * Refuses its sessions in {@code @OnOpen}, with 500 or the status of its path.
	 */
	@WsEndpoint("/ordering/refused/{how}")
	static class RefusingEndpoint {

		@OnOpen
		String open(@PathParam("how") String how) {
			if (how.equals("boom")) {
				throw new IllegalStateException("boom");
			}
			if (how.equals("403")) {
				throw new WsHandshakeException(403, "not in this room");
			}
			return "welcome";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, io.wsboot.autoconfigure.WsAutoConfiguration.class })
	@Import({ SlowEchoEndpoint.class, BlockingEndpoint.class, FastEchoEndpoint.class, RoomEndpoint.class,
			RefusingEndpoint.class })
	static class Config {

	}

}
