package io.wsboot.engine.tls;

import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.TlsConfig;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.RecordingHandler;
import io.wsboot.engine.testclient.ServerFrame;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TlsConfig} asks its context supplier on every new connection: a reloaded
 * certificate (an SSL bundle reload) is served to new connections while connections
 * already open keep theirs and keep working.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsCertificateReloadTests {

	@AutoClose("stop")
	private WsServer server;

	@Test
	void newConnectionsGetTheReloadedCertificateWhileOpenOnesKeepWorking() throws Exception {
		SelfSignedCertificate original = SelfSignedCertificate.get();
		SelfSignedCertificate renewed = SelfSignedCertificate.generate("localhost-renewed");
		assertThat(renewed.certificate()).isNotEqualTo(original.certificate());
		AtomicReference<SSLContext> current = new AtomicReference<>(original.serverContext());
		this.server = new WsServer(
				EchoServerFixture.baseConfig().withTls(new TlsConfig(current::get, List.of(), List.of())),
				List.of(Endpoint.of(EchoServerFixture.ECHO_PATH, RecordingHandler.echo())));
		this.server.start();
		try (RawWsClient before = RawWsClient.connect(this.server.port(), 0, trusting(original, renewed))) {
			before.upgrade(EchoServerFixture.ECHO_PATH);
			assertThat(peerCertificate(before)).isEqualTo(original.certificate());
			// the bundle reloads
			current.set(renewed.serverContext());
			try (RawWsClient after = RawWsClient.connect(this.server.port(), 0, trusting(original, renewed))) {
				after.upgrade(EchoServerFixture.ECHO_PATH);
				assertThat(peerCertificate(after)).isEqualTo(renewed.certificate());
				assertEchoes(after, "after reload");
			}
			// the connection made before the reload still has its session and works
			assertThat(peerCertificate(before)).isEqualTo(original.certificate());
			assertEchoes(before, "still here");
			before.send(ClientFrames.close(1000, ""));
			assertThat(before.readClose().closeCode()).isEqualTo(1000);
			before.assertTcpClosed(RawWsClient.TCP_CLOSE_TIMEOUT);
		}
	}

	private static void assertEchoes(RawWsClient client, String text) throws Exception {
		client.send(ClientFrames.text(text));
		ServerFrame echo = client.readFrame();
		assertThat(echo.header()).containsExactly(0x81, text.length());
		assertThat(echo.text()).isEqualTo(text);
	}

	private static Object peerCertificate(RawWsClient client) throws Exception {
		return ((SSLSocket) client.socket()).getSession().getPeerCertificates()[0];
	}

	/** A fresh client context (no session to resume) trusting both certificates. */
	private static SSLContext trusting(SelfSignedCertificate... certificates) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (int i = 0; i < certificates.length; i++) {
			trusted.setCertificateEntry("trusted-" + i, certificates[i].certificate());
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
