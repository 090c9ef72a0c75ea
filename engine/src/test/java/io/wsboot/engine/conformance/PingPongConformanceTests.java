package io.wsboot.engine.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.SendResult;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ping and pong on the wire (RFC 6455 §5.5.2, §5.5.3), following Autobahn|Testsuite
 * category 2.
 *
 * @author wsboot
 */
class PingPongConformanceTests extends AbstractEchoConformanceTests {

	private void assertPong(byte[] payload) throws IOException {
		ServerFrame pong = this.client.readFrame();
		// RFC 6455 §5.5.3: the pong carries the ping's application data, unchanged
		assertThat(pong.header()).containsExactly(0x8A, payload.length);
		assertThat(pong.payload()).isEqualTo(payload);
	}

	@Nested
	@DisplayName("RFC 6455 §5.5.2 a ping is answered by a pong")
	class Pings {

		@Test
		void emptyPingIsAnsweredWithEmptyPong() throws IOException {
			// Autobahn 2.1
			PingPongConformanceTests.this.client.send(ClientFrames.ping(new byte[0]));
			assertPong(new byte[0]);
		}

		@Test
		void pingWithTextPayloadIsEchoed() throws IOException {
			// Autobahn 2.2
			byte[] payload = ClientFrames.utf8("Hello, world!");
			PingPongConformanceTests.this.client.send(ClientFrames.ping(payload));
			assertPong(payload);
		}

		@Test
		void pingWithBinaryPayloadIsEchoed() throws IOException {
			// Autobahn 2.3
			byte[] payload = ClientFrames.hex("00 ff fe fd fc fb 00 ff");
			PingPongConformanceTests.this.client.send(ClientFrames.ping(payload));
			assertPong(payload);
		}

		@ParameterizedTest(name = "ping with {0}-byte payload (Autobahn 2.4)")
		@ValueSource(ints = { 1, 124, 125 })
		void pingUpTo125BytesIsEchoed(int length) throws IOException {
			byte[] payload = ClientFrames.pattern(length);
			PingPongConformanceTests.this.client.send(ClientFrames.ping(payload));
			assertPong(payload);
		}

		@Test
		void pingOf125BytesSentByteByByteIsEchoed() throws IOException {
			// Autobahn 2.6
			byte[] payload = ClientFrames.pattern(125);
			PingPongConformanceTests.this.client.sendInChunks(ClientFrames.ping(payload), 1);
			assertPong(payload);
		}

		@Test
		void tenPingsAreAnsweredInOrder() throws IOException {
			// Autobahn 2.10
			byte[][] pings = new byte[10][];
			for (int i = 0; i < pings.length; i++) {
				pings[i] = ClientFrames.ping(ClientFrames.utf8("ping " + i));
			}
			PingPongConformanceTests.this.client.send(ClientFrames.concat(pings));
			for (int i = 0; i < pings.length; i++) {
				assertPong(ClientFrames.utf8("ping " + i));
			}
		}

		@Test
		void tenPingsSentByteByByteAreAnsweredInOrder() throws IOException {
			// Autobahn 2.11
			for (int i = 0; i < 10; i++) {
				PingPongConformanceTests.this.client.sendInChunks(ClientFrames.ping(ClientFrames.utf8("ping " + i)), 1);
			}
			for (int i = 0; i < 10; i++) {
				assertPong(ClientFrames.utf8("ping " + i));
			}
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5 control frame violations")
	class Violations {

		@Test
		void pingOf126BytesCloses1002() throws IOException {
			// Autobahn 2.5; RFC 6455 §5.5: control frames have at most 125 bytes
			PingPongConformanceTests.this.client.send(ClientFrames.ping(ClientFrames.pattern(126)));
			PingPongConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void pongOf126BytesCloses1002() throws IOException {
			PingPongConformanceTests.this.client.send(ClientFrames.pong(ClientFrames.pattern(126)));
			PingPongConformanceTests.this.client.expectFailure(1002);
		}

		@Test
		void pingHeaderDeclaring65536BytesCloses1002WithoutThePayload() throws IOException {
			PingPongConformanceTests.this.client
				.send(ClientFrames.header(true, 0, ClientFrames.PING, 65536, ClientFrames.randomMaskKey()));
			PingPongConformanceTests.this.client.expectFailure(1002);
		}

		@ParameterizedTest(name = "opcode {0} with FIN=0 -> 1002 (Autobahn 5.1, 5.2)")
		@ValueSource(ints = { ClientFrames.PING, ClientFrames.PONG })
		void fragmentedControlFrameCloses1002(int opcode) throws IOException {
			// RFC 6455 §5.5: control frames MUST NOT be fragmented
			PingPongConformanceTests.this.client
				.send(ClientFrames.concat(ClientFrames.frame(false, 0, opcode, ClientFrames.utf8("frag")),
						ClientFrames.frame(true, 0, ClientFrames.CONTINUATION, ClientFrames.utf8("ment"))));
			PingPongConformanceTests.this.client.expectFailure(1002);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.3 unsolicited pongs")
	class UnsolicitedPongs {

		@Test
		void emptyUnsolicitedPongIsIgnored() throws IOException {
			// Autobahn 2.7: no answer; the next frame read is the echo
			PingPongConformanceTests.this.client.send(ClientFrames.pong(new byte[0]));
			assertStillEchoes(PingPongConformanceTests.this.client);
		}

		@Test
		void unsolicitedPongWithPayloadIsIgnoredAndReported() throws IOException {
			// Autobahn 2.8
			PingPongConformanceTests.this.client.send(ClientFrames.pong(ClientFrames.utf8("unsolicited")));
			assertStillEchoes(PingPongConformanceTests.this.client);
			assertThat(PingPongConformanceTests.this.fixture.echo().awaitPong())
				.isEqualTo(ClientFrames.utf8("unsolicited"));
		}

		@Test
		void unsolicitedPongThenPingIsAnsweredOnlyForThePing() throws IOException {
			// Autobahn 2.9
			PingPongConformanceTests.this.client.send(ClientFrames.concat(
					ClientFrames.pong(ClientFrames.utf8("unsolicited")), ClientFrames.ping(ClientFrames.utf8("ping"))));
			assertPong(ClientFrames.utf8("ping"));
			assertStillEchoes(PingPongConformanceTests.this.client);
		}

	}

	@Nested
	@DisplayName("RFC 6455 §5.5.2 pings sent by the server")
	class ServerPings {

		@Test
		void serverPingIsUnmaskedAndItsPongIsReported() throws Exception {
			WsSession session = PingPongConformanceTests.this.fixture.echo().awaitOpen();
			SendResult result = session.sendPing(ByteBuffer.wrap(ClientFrames.utf8("are you there")))
				.get(5, TimeUnit.SECONDS);
			assertThat(result).isEqualTo(SendResult.SENT);
			ServerFrame ping = PingPongConformanceTests.this.client.readFrame();
			assertThat(ping.header()).containsExactly(0x89, 13);
			assertThat(ping.text()).isEqualTo("are you there");
			PingPongConformanceTests.this.client.send(ClientFrames.pong(ping.payload()));
			assertThat(PingPongConformanceTests.this.fixture.echo().awaitPong())
				.isEqualTo(ClientFrames.utf8("are you there"));
		}

	}

}
