package io.wsboot.engine.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.TlsConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.testclient.JdkRecorder;
import io.wsboot.engine.testclient.RecordingHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wss://} on the engine's non-blocking transport, driven by the JDK's client.
 */
class TlsTransportTests {

	private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

	private SelfSignedCertificate certificate;

	private WsServer server;

	private RecordingHandler echo;

	@BeforeEach
	void start() throws Exception {
		this.certificate = SelfSignedCertificate.get();
		WsLimits limits = WsLimits.builder()
			.maxFramePayloadBytes(SIXTEEN_MIB)
			.maxMessageBytes(SIXTEEN_MIB)
			.maxOutboundQueueBytes(2L * SIXTEEN_MIB)
			.build();
		this.echo = RecordingHandler.echo();
		this.server = new WsServer(
				ServerConfig.defaults()
					.withBinding(InetAddress.getLoopbackAddress(), 0)
					.withEventLoops(1)
					.withLimits(limits)
					.withTls(TlsConfig.of(this.certificate.serverContext())),
				List.of(Endpoint.of("/echo", this.echo).withLimits(limits)));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void echoesTextBinaryAndSixteenMebibytesOverTls(String protocol) throws Exception {
		JdkRecorder recorder = new JdkRecorder();
		WebSocket socket = connect(this.certificate.clientContext(), protocol, recorder);
		assertThat(this.echo.awaitOpen().tlsProtocol()).isEqualTo(protocol);
		socket.sendText("über TLS", true).get(5, TimeUnit.SECONDS);
		assertThat(recorder.events.poll(5, TimeUnit.SECONDS)).isEqualTo("text:über TLS");
		byte[] large = new byte[SIXTEEN_MIB];
		new Random(6455).nextBytes(large);
		socket.sendBinary(ByteBuffer.wrap(large), true).get(30, TimeUnit.SECONDS);
		String echoed = recorder.events.poll(30, TimeUnit.SECONDS);
		assertThat(echoed).isEqualTo("binary:" + SIXTEEN_MIB + ":" + java.util.Arrays.hashCode(large));
		socket.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
		assertThat(recorder.events.poll(5, TimeUnit.SECONDS)).isEqualTo("close:1000:done");
	}

	@Test
	void clientThatDoesNotTrustTheCertificateFails() throws Exception {
		SSLContext trustsNothingOfOurs = SSLContext.getInstance("TLS");
		trustsNothingOfOurs.init(null, null, null);
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> connect(trustsNothingOfOurs, "TLSv1.3", new JdkRecorder()))
			.havingCause()
			.isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
			.withMessageContaining("PKIX path building failed");
		// the failed handshake costs the server nothing: the next client is served
		JdkRecorder recorder = new JdkRecorder();
		WebSocket socket = connect(this.certificate.clientContext(), "TLSv1.3", recorder);
		socket.sendText("still here", true).get(5, TimeUnit.SECONDS);
		assertThat(recorder.events.poll(5, TimeUnit.SECONDS)).isEqualTo("text:still here");
	}

	@Test
	void plainHttpToTheTlsPortIsClosedAtOnce() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			// the server answers with at most a TLS alert, never with HTTP, and closes
			byte[] answer = in.readAllBytes();
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1");
		}
		assertThat(this.server.isHealthy()).isTrue();
	}

	@Test
	void silentClientIsDroppedByTheHandshakeTimeout() throws Exception {
		this.server.stop();
		this.server = new WsServer(
				ServerConfig.defaults()
					.withBinding(InetAddress.getLoopbackAddress(), 0)
					.withEventLoops(1)
					.withLimits(WsLimits.builder()
						.handshakeTimeout(Duration.ofMillis(200))
						.idleTimeout(Duration.ZERO)
						.closeTimeout(Duration.ofSeconds(1))
						.build())
					.withTls(TlsConfig.of(this.certificate.serverContext())),
				List.of(Endpoint.of("/echo", new WsHandler() {
				})));
		this.server.start();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port())) {
			socket.setSoTimeout(5000);
			// never says a word of TLS: the server must hang up by itself
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	private WebSocket connect(SSLContext context, String protocol, JdkRecorder recorder) throws Exception {
		SSLParameters parameters = context.getDefaultSSLParameters();
		parameters.setProtocols(new String[] { protocol });
		HttpClient client = HttpClient.newBuilder().sslContext(context).sslParameters(parameters).build();
		return client.newWebSocketBuilder()
			.buildAsync(URI.create("wss://localhost:" + this.server.port() + "/echo"), recorder)
			.get(10, TimeUnit.SECONDS);
	}

}
