package io.wsboot.engine.hardening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.wsboot.engine.WsLimits;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;

/**
 * The server side of {@link ResourceLimitTests}' descriptor exhaustion: run in a JVM
 * whose descriptor limit {@code prlimit} lowered, it starts an echo server, prints
 * {@code PORT <port>} and {@code FDS <open descriptors>}, and stops when its standard
 * input ends.
 *
 * @author wsboot
 */
final class FdExhaustionServer {

	/** Long, so that the silent connections that use up the descriptors stay. */
	static final Duration HANDSHAKE_TIMEOUT = Duration.ofMinutes(1);

	private FdExhaustionServer() {
	}

	public static void main(String[] args) throws IOException {
		WsLimits limits = WsLimits.builder().handshakeTimeout(HANDSHAKE_TIMEOUT).build();
		try (EchoServerFixture fixture = EchoServerFixture.start((config) -> config.withLimits(limits))) {
			// load every class a connection needs while descriptors are still free:
			// loading one from target/classes later would fail with EMFILE
			try (RawWsClient client = fixture.open()) {
				client.send(ClientFrames.text("warm-up"));
				client.readFrame();
				client.send(ClientFrames.close(1000, ""));
				client.readClose();
			}
			System.out.println("PORT " + fixture.port());
			System.out.println("FDS " + SoakTests.openFileDescriptors());
			System.out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			while (in.readLine() != null) {
				// wait for the test to close our input
			}
		}
	}

}
