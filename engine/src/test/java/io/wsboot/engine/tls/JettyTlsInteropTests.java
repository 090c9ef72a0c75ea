package io.wsboot.engine.tls;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.JettyRecorder;
import io.wsboot.engine.testclient.Queues;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wss://} against a client we did not write: Jetty 12's WebSocket client over its
 * own TLS stack configuration, trusting only our self-signed certificate and checking the
 * host name, on TLS 1.3 and TLS 1.2.
 *
 * @author wsboot
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JettyTlsInteropTests {

	private static final long WAIT_SECONDS = 30;

	private static final long CLIENT_MAX_BYTES = 32L * 1024 * 1024;

	private EchoServerFixture fixture;

	private WebSocketClient jetty;

	@AfterEach
	void stop() throws Exception {
		if (this.jetty != null) {
			this.jetty.stop();
		}
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	private JettyRecorder connect(String protocol) throws Exception {
		this.fixture = EchoServerFixture.start(true, UnaryOperator.identity());
		SslContextFactory.Client tls = new SslContextFactory.Client();
		tls.setTrustStorePath(SelfSignedCertificate.get().keyStoreFile().toAbsolutePath().toString());
		tls.setTrustStoreType("PKCS12");
		tls.setTrustStorePassword(SelfSignedCertificate.PASSWORD);
		// RFC 6455 §10.6 / RFC 2818: the host name is checked against the certificate
		tls.setEndpointIdentificationAlgorithm("HTTPS");
		tls.setIncludeProtocols(protocol);
		HttpClient http = new HttpClient();
		http.setSslContextFactory(tls);
		this.jetty = new WebSocketClient(http);
		this.jetty.setMaxBinaryMessageSize(CLIENT_MAX_BYTES);
		this.jetty.setMaxTextMessageSize(CLIENT_MAX_BYTES);
		this.jetty.setMaxFrameSize(CLIENT_MAX_BYTES);
		this.jetty.start();
		JettyRecorder listener = new JettyRecorder();
		this.jetty.connect(listener, URI.create("wss://localhost:" + this.fixture.port() + EchoServerFixture.ECHO_PATH))
			.get(WAIT_SECONDS, TimeUnit.SECONDS);
		return listener;
	}

	private static void await(Consumer<Callback> send) throws Exception {
		Callback.Completable.with(send::accept).get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "TLSv1.3", "TLSv1.2" })
	void textBinaryAndSixteenMebibytesAreEchoed(String protocol) throws Exception {
		JettyRecorder client = connect(protocol);
		assertThat(this.fixture.echo().awaitOpen().tlsProtocol()).isEqualTo(protocol);
		await((callback) -> client.session().sendText("Hello κόσμε 😀 over TLS", callback));
		assertThat(Queues.next(client.texts, "text")).isEqualTo("Hello κόσμε 😀 over TLS");
		byte[] small = ClientFrames.pattern(1000);
		await((callback) -> client.session().sendBinary(ByteBuffer.wrap(small), callback));
		assertThat(Queues.next(client.binaries, "binary")).isEqualTo(small);
		byte[] large = ClientFrames.pattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES);
		await((callback) -> client.session().sendBinary(ByteBuffer.wrap(large), callback));
		assertThat(Queues.next(client.binaries, "16 MiB binary")).isEqualTo(large);
		String largeText = new String(ClientFrames.asciiPattern(EchoServerFixture.ECHO_MAX_MESSAGE_BYTES),
				StandardCharsets.US_ASCII);
		await((callback) -> client.session().sendText(largeText, callback));
		assertThat(Queues.next(client.texts, "16 MiB text")).isEqualTo(largeText);
		client.session().close(4000, "tls bye", Callback.NOOP);
		assertThat(Queues.next(client.closes, "close")).isEqualTo("4000:tls bye");
		assertThat(this.fixture.echo().awaitClose()).isEqualTo(new CloseStatus(4000, "tls bye"));
		assertThat(client.errors).isEmpty();
	}

}
