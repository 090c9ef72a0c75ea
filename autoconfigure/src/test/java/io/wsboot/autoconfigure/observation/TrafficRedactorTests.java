package io.wsboot.autoconfigure.observation;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrafficRedactor}.
 *
 * @author wsboot
 */
class TrafficRedactorTests {

	private final TrafficRedactor redactor = new TrafficRedactor(List.of("Authorization"),
			List.of("access_token", "token"), List.of("wsboot.bearer."));

	@Test
	void secretQueryParametersAreRedactedWhateverTheirCaseOrEncoding() {
		assertThat(this.redactor.target(request("/chat", "a=1&ACCESS_TOKEN=x&%74oken=y&token&b=2")))
			.isEqualTo("/chat?a=1&ACCESS_TOKEN=[redacted]&%74oken=[redacted]&token&b=2");
		assertThat(this.redactor.target(request("/chat", ""))).isEqualTo("/chat");
	}

	@Test
	void secretHeadersAndBearerSubprotocolsAreRedacted() {
		HandshakeRequest request = new HandshakeRequest("GET", "/chat", "/chat", "", "HTTP/1.1",
				Map.of("authorization", List.of("Bearer abc"), "sec-websocket-protocol",
						List.of("chat,wsboot.bearer.abc", "WSBOOT.BEARER.def"), "host", List.of("localhost")),
				100, new InetSocketAddress(0));
		assertThat(this.redactor.headers(request)).containsEntry("authorization", List.of("[redacted]"))
			.containsEntry("sec-websocket-protocol",
					List.of("chat, wsboot.bearer.[redacted]", "WSBOOT.BEARER.[redacted]"))
			.containsEntry("host", List.of("localhost"));
	}

	private static HandshakeRequest request(String path, String query) {
		return new HandshakeRequest("GET", path + (query.isEmpty() ? "" : "?" + query), path, query, "HTTP/1.1",
				Map.of(), 100, new InetSocketAddress(0));
	}

}
