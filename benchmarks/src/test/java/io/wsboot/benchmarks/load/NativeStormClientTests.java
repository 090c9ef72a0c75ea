package io.wsboot.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NativeStormClient}: the C storm client sends exactly the bytes of the
 * Java storm client and checks the response the same way, against a scripted server that
 * records what it receives.
 *
 * @author wsboot
 */
class NativeStormClientTests {

	private static final String KEY = "d3Nib290LWJlbmNobWFyaw==";

	/** The Java client's masked close frame: status 1000, masking key 01 02 03 04. */
	private static final byte[] CLOSE_FRAME = { (byte) 0x88, (byte) 0x82, 1, 2, 3, 4, 0x03 ^ 1, (byte) (0xE8 ^ 2) };

	/** The server's close frame: status 1000, unmasked. */
	private static final byte[] SERVER_CLOSE_FRAME = { (byte) 0x88, 0x02, 0x03, (byte) 0xE8 };

	private static final Duration MEASURE = Duration.ofSeconds(5);

	private static NativeStormClient client;

	@AutoClose
	private ScriptedServer server;

	@BeforeAll
	static void build() throws IOException {
		Path gcc = NativeStormClient.findGcc();
		String message = "requires gcc (Debian package gcc) to build the C storm client";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.assertNotNull(gcc, message);
		}
		else {
			Assumptions.assumeTrue(gcc != null, message);
		}
		client = NativeStormClient.build(gcc);
	}

	@Nested
	@DisplayName("RFC 6455 §4.1 opening handshake")
	class OpeningHandshake {

		@Test
		void sendsTheJavaClientsRequestAndCloseFrameAndCountsTheHandshake() throws Exception {
			NativeStormClientTests.this.server = new ScriptedServer((request) -> response101(accept(KEY)));
			int port = NativeStormClientTests.this.server.port();
			StormResult result = client.storm(address(port), "/echo", 1, Duration.ZERO, MEASURE, 1,
					MeasurementListener.NONE);
			assertThat(result.handshakes()).isEqualTo(1);
			assertThat(result.errors()).as("%s", result.firstError()).isZero();
			byte[] expectedRequest = ("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY
					+ "\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII);
			List<byte[]> received = NativeStormClientTests.this.server.received();
			assertThat(received).hasSize(2);
			assertThat(received.get(0)).isEqualTo(expectedRequest);
			assertThat(received.get(1)).isEqualTo(CLOSE_FRAME);
			NativeStormClientTests.this.server.received().clear();
			try (LoadGenerator java = new LoadGenerator(address(port), "/echo")) {
				StormResult javaResult = java.storm(1, Duration.ZERO, MEASURE, 1, MeasurementListener.NONE);
				assertThat(javaResult.handshakes()).isEqualTo(1);
			}
			assertThat(NativeStormClientTests.this.server.received()).containsExactly(expectedRequest, CLOSE_FRAME);
		}

		@Test
		void acceptsTheAcceptFieldNameInAnyCase() throws Exception {
			NativeStormClientTests.this.server = new ScriptedServer((request) -> ("HTTP/1.1 101 Switching Protocols\r\n"
					+ "upgrade: websocket\r\nconnection: upgrade\r\nSEC-WEBSOCKET-ACCEPT:" + accept(KEY) + "\r\n\r\n"));
			StormResult result = client.storm(address(NativeStormClientTests.this.server.port()), "/echo", 1,
					Duration.ZERO, MEASURE, 1, MeasurementListener.NONE);
			assertThat(result.handshakes()).isEqualTo(1);
			assertThat(result.errors()).as("%s", result.firstError()).isZero();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.wsboot.benchmarks.load.NativeStormClientTests#badHandshakeResponses")
		void countsABadHandshakeResponseAsAnError(String problem, String response, String firstError) throws Exception {
			NativeStormClientTests.this.server = new ScriptedServer((request) -> response);
			StormResult result = client.storm(address(NativeStormClientTests.this.server.port()), "/echo", 1,
					Duration.ZERO, Duration.ofMillis(300), 1, MeasurementListener.NONE);
			assertThat(result.handshakes()).isZero();
			assertThat(result.errors()).isPositive();
			assertThat(result.firstError()).isEqualTo(firstError);
		}

	}

	@Test
	void reportsItsProcessBeforeMeasuringStartsAndEnds() throws Exception {
		this.server = new ScriptedServer((request) -> response101(accept(KEY)));
		List<String> events = new CopyOnWriteArrayList<>();
		client.storm(address(this.server.port()), "/echo", 1, Duration.ZERO, MEASURE, 1, new MeasurementListener() {

			@Override
			public void loadGeneratorProcess(long pid) {
				events.add((pid != ProcessHandle.current().pid()) ? "process" : "this JVM");
			}

			@Override
			public void started() {
				events.add("started");
			}

			@Override
			public void ended() {
				events.add("ended");
			}

		});
		assertThat(events).containsExactly("process", "started", "ended");
	}

	private static InetSocketAddress address(int port) {
		return new InetSocketAddress("127.0.0.1", port);
	}

	static Stream<Arguments> badHandshakeResponses() {
		return Stream.of(
				Arguments.of("a wrong accept value", response101(accept("other key")),
						"handshake response without the expected Sec-WebSocket-Accept"),
				Arguments.of("a status other than 101", "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
						"handshake answered HTTP/1.1 400 Bad Request"));
	}

	private static String response101(String accept) {
		return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
	}

	private static String accept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by every JDK", ex);
		}
	}

	/**
	 * Answers each connection, one at a time, with a scripted response head; after a 101
	 * it reads the client's 8-byte close frame and answers with its own. Records every
	 * request head and close frame.
	 */
	private static final class ScriptedServer implements AutoCloseable {

		private static final int SO_TIMEOUT_MILLIS = 5_000;

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<byte[]> received = new CopyOnWriteArrayList<>();

		private final Thread thread;

		ScriptedServer(Function<byte[], String> responses) throws IOException {
			this.thread = new Thread(() -> serve(responses), "scripted-server");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		List<byte[]> received() {
			return this.received;
		}

		private void serve(Function<byte[], String> responses) {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					connection.setSoTimeout(SO_TIMEOUT_MILLIS);
					InputStream in = connection.getInputStream();
					OutputStream out = connection.getOutputStream();
					byte[] head = readHead(in);
					this.received.add(head);
					String response = responses.apply(head);
					out.write(response.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					if (response.startsWith("HTTP/1.1 101")) {
						this.received.add(in.readNBytes(CLOSE_FRAME.length));
						out.write(SERVER_CLOSE_FRAME);
						out.flush();
					}
				}
				catch (SocketException ex) {
					// closed by the test, or reset by a client that rejected the response
				}
				catch (IOException ex) {
					// a client that went away: the next one is served
				}
			}
		}

		private static byte[] readHead(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int matched = 0;
			byte[] end = { '\r', '\n', '\r', '\n' };
			while (matched < end.length && head.size() < 4096) {
				int b = in.read();
				if (b < 0) {
					throw new IOException("end of stream in the request head");
				}
				head.write(b);
				matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			return head.toByteArray();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			try {
				this.thread.join(SO_TIMEOUT_MILLIS * 2L);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
