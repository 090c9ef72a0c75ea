package io.wsboot.engine.hardening;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.ConnectionRefusal;
import io.wsboot.engine.ProxyProtocol;
import io.wsboot.engine.TrustedProxies;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import io.wsboot.engine.internal.proxy.ProxyHeaders;
import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.EchoServerFixture;
import io.wsboot.engine.testclient.HttpResponseHead;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.UpgradeRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's address behind a proxy, over real sockets: a raw client writes the PROXY
 * protocol header or forwarded headers a load balancer would, and the session, the
 * handshake request and the per-address limit see the client's address while the proxy's
 * stays available.
 *
 * @author wsboot
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientAddressTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	@AutoClose
	private EchoServerFixture fixture;

	private final BlockingQueue<ConnectionRefusal> refusals = new LinkedBlockingQueue<>();

	private final WsServerListener listener = new WsServerListener() {

		@Override
		public void connectionRefused(ConnectionRefusal reason, InetSocketAddress remoteAddress) {
			ClientAddressTests.this.refusals.add(reason);
		}

	};

	private void start(ProxyProtocol proxyProtocol, TrustedProxies trusted, int perAddress) throws IOException {
		this.fixture = EchoServerFixture.start((config) -> config.toBuilder()
			.proxyProtocol(proxyProtocol)
			.trustedProxies(trusted)
			.maxConnectionsPerAddress(perAddress)
			.listener(this.listener)
			.build());
	}

	private RawWsClient openBehind(byte[] proxyHeader) throws IOException {
		RawWsClient client = this.fixture.connect();
		client.send(proxyHeader);
		client.upgrade(EchoServerFixture.ECHO_PATH);
		return client;
	}

	private static void assertEcho(RawWsClient client) throws IOException {
		client.send(ClientFrames.text("hello"));
		assertThat(client.readFrame().text()).isEqualTo("hello");
	}

	static List<Arguments> headers() {
		return List.of(
				Arguments.of("v1 TCP4", ProxyHeaders.v1("TCP4", "203.0.113.7", 56324, "192.0.2.1", 8090), "203.0.113.7",
						56324),
				Arguments.of("v1 TCP6", ProxyHeaders.v1("TCP6", "2001:db8::7", 56325, "2001:db8::1", 8090),
						"2001:db8::7", 56325),
				Arguments.of("v2 TCP4", ProxyHeaders.v2Tcp4("198.51.100.9", 40000, "10.0.0.1", 8090), "198.51.100.9",
						40000),
				Arguments.of("v2 TCP6", ProxyHeaders.v2Tcp6("2001:db8::9", 40001, "2001:db8::1", 8090), "2001:db8::9",
						40001));
	}

	@Nested
	@DisplayName("PROXY protocol")
	class ProxyProtocolHeader {

		@ParameterizedTest(name = "{0}")
		@MethodSource("io.wsboot.engine.hardening.ClientAddressTests#headers")
		void headerSetsTheClientAddressAndKeepsTheProxys(String name, byte[] header, String client, int port)
				throws IOException {
			start(ProxyProtocol.REQUIRED, TrustedProxies.PRIVATE_NETWORKS, 1000);
			RawWsClient connection = openBehind(header);
			WsSession session = ClientAddressTests.this.fixture.echo().awaitOpen();
			InetSocketAddress expected = new InetSocketAddress(InetAddress.getByName(client), port);
			assertThat(session.remoteAddress()).isEqualTo(expected);
			assertThat(session.handshakeRequest().remoteAddress()).isEqualTo(expected);
			assertThat(session.proxyAddress()).isNotNull();
			assertThat(session.proxyAddress().getAddress()).isEqualTo(LOOPBACK);
			assertThat(session.handshakeRequest().proxyAddress()).isEqualTo(session.proxyAddress());
			assertEcho(connection);
		}

		@Test
		void perAddressLimitCountsClientsNotTheProxy() throws IOException {
			start(ProxyProtocol.REQUIRED, TrustedProxies.PRIVATE_NETWORKS, 2);
			openBehind(ProxyHeaders.v2Tcp4("203.0.113.7", 1, "10.0.0.1", 8090));
			openBehind(ProxyHeaders.v1("TCP4", "203.0.113.7", 2, "10.0.0.1", 8090));
			RawWsClient third = ClientAddressTests.this.fixture.connect();
			third.send(ProxyHeaders.v2Tcp4("203.0.113.7", 3, "10.0.0.1", 8090));
			HttpResponseHead refused = third.handshake(UpgradeRequest.get(EchoServerFixture.ECHO_PATH));
			assertThat(refused.status()).isEqualTo(503);
			assertThat(new String(third.readBody(refused), StandardCharsets.UTF_8))
				.isEqualTo("connection limit of 2 per address reached\n");
			// everyone else behind the same proxy still gets in
			assertEcho(openBehind(ProxyHeaders.v2Tcp4("203.0.113.8", 4, "10.0.0.1", 8090)));
			assertEcho(openBehind(ProxyHeaders.v1("TCP4", "203.0.113.9", 5, "10.0.0.1", 8090)));
		}

		@Test
		void requiredWithoutHeaderIsClosedWithoutAnswer() throws Exception {
			start(ProxyProtocol.REQUIRED, TrustedProxies.PRIVATE_NETWORKS, 1000);
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			client.send(UpgradeRequest.get(EchoServerFixture.ECHO_PATH).toBytes());
			client.assertTcpClosed(Duration.ofSeconds(5));
			assertThat(ClientAddressTests.this.refusals.poll(5, TimeUnit.SECONDS))
				.isEqualTo(ConnectionRefusal.PROXY_HEADER_MISSING);
		}

		@Test
		void optionalWithoutHeaderUpgrades() throws IOException {
			start(ProxyProtocol.OPTIONAL, TrustedProxies.PRIVATE_NETWORKS, 1000);
			RawWsClient client = ClientAddressTests.this.fixture.open();
			assertEcho(client);
			WsSession session = ClientAddressTests.this.fixture.echo().awaitOpen();
			assertThat(session.remoteAddress().getAddress()).isEqualTo(LOOPBACK);
			assertThat(session.proxyAddress()).isNull();
		}

		@Test
		void optionalWithHeaderUpgrades() throws IOException {
			start(ProxyProtocol.OPTIONAL, TrustedProxies.PRIVATE_NETWORKS, 1000);
			assertEcho(openBehind(ProxyHeaders.v1("TCP4", "203.0.113.7", 1, "10.0.0.1", 8090)));
			assertThat(ClientAddressTests.this.fixture.echo().awaitOpen().remoteAddress().getHostString())
				.isEqualTo("203.0.113.7");
		}

		@Test
		void v2HeaderAnnouncing65535BytesIsClosedWithoutWaitingForThem() throws Exception {
			start(ProxyProtocol.REQUIRED, TrustedProxies.PRIVATE_NETWORKS, 1000);
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			// the 16 fixed bytes and a little: the rest of the 65,535 never comes, and
			// the server does not wait for it (the handshake timeout is 10 s)
			client.send(ProxyHeaders.v2Fixed(0x21, 0x11, 65535));
			client.sendQuietly(new byte[100]);
			client.readUntilTcpClosed(Duration.ofSeconds(2));
			assertThat(ClientAddressTests.this.refusals.poll(5, TimeUnit.SECONDS))
				.isEqualTo(ConnectionRefusal.PROXY_HEADER_INVALID);
		}

		@Test
		void truncatedHeaderIsClosedAtTheHandshakeTimeout() throws Exception {
			ClientAddressTests.this.fixture = EchoServerFixture.start((config) -> config.toBuilder()
				.proxyProtocol(ProxyProtocol.REQUIRED)
				.limits(config.limits().toBuilder().handshakeTimeout(Duration.ofMillis(300)).build())
				.build());
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			client.send("PROXY TCP4 203.0.113.7".getBytes(StandardCharsets.US_ASCII));
			client.assertTcpClosed(Duration.ofSeconds(5));
		}

		@Test
		void headerFromAnUntrustedPeerIsRefused() throws Exception {
			start(ProxyProtocol.OPTIONAL, TrustedProxies.NONE, 1000);
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			client.send(ProxyHeaders.v1("TCP4", "203.0.113.7", 1, "10.0.0.1", 8090));
			client.send(UpgradeRequest.get(EchoServerFixture.ECHO_PATH).toBytes());
			client.assertTcpClosed(Duration.ofSeconds(5));
			assertThat(ClientAddressTests.this.refusals.poll(5, TimeUnit.SECONDS))
				.isEqualTo(ConnectionRefusal.PROXY_HEADER_INVALID);
		}

	}

	@Nested
	@DisplayName("Forwarded and X-Forwarded-For")
	class ForwardedHeaders {

		@Test
		void xForwardedForFromATrustedPeerSetsTheClientAddress() throws IOException {
			start(ProxyProtocol.OFF, TrustedProxies.PRIVATE_NETWORKS, 1000);
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get(EchoServerFixture.ECHO_PATH)
				.header("X-Forwarded-For", "198.51.100.1, 203.0.113.7"));
			WsSession session = ClientAddressTests.this.fixture.echo().awaitOpen();
			assertThat(session.remoteAddress().getHostString()).isEqualTo("203.0.113.7");
			assertThat(session.proxyAddress().getAddress()).isEqualTo(LOOPBACK);
			assertEcho(client);
		}

		@Test
		void forwardedFromATrustedPeerSetsTheClientAddress() throws IOException {
			start(ProxyProtocol.OFF, TrustedProxies.PRIVATE_NETWORKS, 1000);
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get(EchoServerFixture.ECHO_PATH)
				.header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https"));
			WsSession session = ClientAddressTests.this.fixture.echo().awaitOpen();
			assertThat(session.remoteAddress())
				.isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8:cafe::17"), 4711));
		}

		@Test
		void forwardedHeadersFromAnUntrustedPeerAreIgnored() throws IOException {
			start(ProxyProtocol.OFF, TrustedProxies.of(List.of("192.0.2.0/24")), 1000);
			RawWsClient client = ClientAddressTests.this.fixture.connect();
			client.upgrade(UpgradeRequest.get(EchoServerFixture.ECHO_PATH)
				.header("X-Forwarded-For", "203.0.113.7")
				.header("Forwarded", "for=203.0.113.8"));
			WsSession session = ClientAddressTests.this.fixture.echo().awaitOpen();
			assertThat(session.remoteAddress().getAddress()).isEqualTo(LOOPBACK);
			assertThat(session.proxyAddress()).isNull();
			assertThat(session.handshakeRequest().remoteAddress().getAddress()).isEqualTo(LOOPBACK);
		}

		@Test
		void perAddressLimitCountsForwardedClients() throws IOException {
			start(ProxyProtocol.OFF, TrustedProxies.PRIVATE_NETWORKS, 1);
			RawWsClient first = ClientAddressTests.this.fixture.connect();
			first.upgrade(UpgradeRequest.get(EchoServerFixture.ECHO_PATH).header("X-Forwarded-For", "203.0.113.7"));
			RawWsClient second = ClientAddressTests.this.fixture.connect();
			second.upgrade(UpgradeRequest.get(EchoServerFixture.ECHO_PATH).header("X-Forwarded-For", "203.0.113.8"));
			RawWsClient third = ClientAddressTests.this.fixture.connect();
			HttpResponseHead refused = third
				.handshake(UpgradeRequest.get(EchoServerFixture.ECHO_PATH).header("X-Forwarded-For", "203.0.113.7"));
			assertThat(refused.status()).isEqualTo(503);
		}

	}

}
