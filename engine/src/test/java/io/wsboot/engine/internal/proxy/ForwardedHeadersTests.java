package io.wsboot.engine.internal.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.TrustedProxies;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ForwardedHeaders}: {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For},
 * taken from trusted proxies only.
 *
 * @author wsboot
 */
class ForwardedHeadersTests {

	private static final InetSocketAddress PROXY = address("10.0.0.5", 40000);

	private static InetSocketAddress address(String literal, int port) {
		return new InetSocketAddress(IpLiterals.parse(literal), port);
	}

	private static HandshakeRequest request(String... headers) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (int i = 0; i < headers.length; i += 2) {
			fields.put(headers[i], List.of(headers[i + 1]));
		}
		return new HandshakeRequest("GET", "/echo", "/echo", "", "HTTP/1.1", fields, 100, PROXY);
	}

	@Nested
	@DisplayName("X-Forwarded-For")
	class XForwardedFor {

		@Test
		void lastUntrustedAddressFromTheRightIsTheClient() {
			HandshakeRequest request = request("x-forwarded-for", "198.51.100.1, 203.0.113.7, 10.0.0.9");
			assertThat(ForwardedHeaders.clientAddress(request, PROXY, TrustedProxies.PRIVATE_NETWORKS))
				.isEqualTo(address("203.0.113.7", 0));
		}

		@Test
		void ignoredFromAnUntrustedPeer() {
			HandshakeRequest request = request("x-forwarded-for", "198.51.100.1");
			assertThat(ForwardedHeaders.clientAddress(request, address("203.0.113.50", 1),
					TrustedProxies.PRIVATE_NETWORKS))
				.isNull();
		}

		@Test
		void garbageStopsTheWalk() {
			HandshakeRequest request = request("x-forwarded-for", "198.51.100.1, evil.example, 10.0.0.9");
			assertThat(ForwardedHeaders.clientAddress(request, PROXY, TrustedProxies.PRIVATE_NETWORKS))
				.isEqualTo(address("10.0.0.9", 0));
		}

		@Test
		void ipv6AndPorts() {
			assertThat(ForwardedHeaders.node("[2001:db8::1]:4711")).isEqualTo(address("2001:db8::1", 4711));
			assertThat(ForwardedHeaders.node("2001:db8::1")).isEqualTo(address("2001:db8::1", 0));
			assertThat(ForwardedHeaders.node("192.0.2.1:80")).isEqualTo(address("192.0.2.1", 80));
			assertThat(ForwardedHeaders.node("unknown")).isNull();
		}

	}

	@Nested
	@DisplayName("RFC 7239 Forwarded")
	class Forwarded {

		@Test
		void forParameterOfTheLastUntrustedElement() {
			HandshakeRequest request = request("forwarded",
					"for=192.0.2.43;proto=https, for=\"[2001:db8:cafe::17]:4711\";by=10.0.0.5");
			assertThat(ForwardedHeaders.clientAddress(request, PROXY, TrustedProxies.PRIVATE_NETWORKS))
				.isEqualTo(address("2001:db8:cafe::17", 4711));
		}

		@Test
		void preferredOverXForwardedFor() {
			HandshakeRequest request = request("forwarded", "For=192.0.2.43", "x-forwarded-for", "198.51.100.1");
			assertThat(ForwardedHeaders.clientAddress(request, PROXY, TrustedProxies.PRIVATE_NETWORKS))
				.isEqualTo(address("192.0.2.43", 0));
		}

		@Test
		void obfuscatedIdentifierKeepsThePeer() {
			HandshakeRequest request = request("forwarded", "for=_hidden");
			assertThat(ForwardedHeaders.clientAddress(request, PROXY, TrustedProxies.PRIVATE_NETWORKS)).isNull();
		}

	}

	@Test
	void trustedProxiesMatchCidrRanges() throws Exception {
		TrustedProxies trusted = TrustedProxies.of(List.of("192.0.2.0/25", "2001:db8::/32", "198.51.100.7"));
		assertThat(trusted.contains(InetAddress.getByName("192.0.2.127"))).isTrue();
		assertThat(trusted.contains(InetAddress.getByName("192.0.2.128"))).isFalse();
		assertThat(trusted.contains(InetAddress.getByName("2001:db8:1::1"))).isTrue();
		assertThat(trusted.contains(InetAddress.getByName("198.51.100.7"))).isTrue();
		assertThat(trusted.contains(InetAddress.getByName("198.51.100.8"))).isFalse();
		assertThat(TrustedProxies.PRIVATE_NETWORKS.contains(InetAddress.getLoopbackAddress())).isTrue();
		assertThat(TrustedProxies.PRIVATE_NETWORKS.contains(InetAddress.getByName("172.32.0.1"))).isFalse();
	}

}
