package io.wsboot.engine.conformance;

import java.util.function.UnaryOperator;

import javax.net.ssl.SSLSocket;

import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.RawWsClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FramingConformanceTests} over {@code wss://}: every case, with the raw client
 * writing its bytes inside TLS records (one record per write, so split frames stay
 * split).
 *
 * @author wsboot
 */
class FramingOverTlsConformanceTests extends FramingConformanceTests {

	@Override
	boolean secure() {
		return true;
	}

	@Test
	void fixtureClientsReallySpeakTls() throws Exception {
		try (EchoServerFixture secure = EchoServerFixture.start(true, UnaryOperator.identity())) {
			RawWsClient client = secure.open();
			assertThat(client.isSecure()).isTrue();
			assertThat(((SSLSocket) client.socket()).getSession().getProtocol()).isEqualTo("TLSv1.3");
			assertThat(((SSLSocket) client.socket()).getSession().getPeerPrincipal().getName())
				.isEqualTo("CN=localhost");
		}
	}

}
