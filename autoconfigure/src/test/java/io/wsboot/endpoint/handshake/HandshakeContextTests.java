package io.wsboot.endpoint.handshake;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandshakeContext}.
 */
class HandshakeContextTests {

	private HandshakeContext context(Map<String, List<String>> headers, String query) {
		HandshakeRequest request = new HandshakeRequest("GET", "/chat/lobby" + (query.isEmpty() ? "" : "?" + query),
				"/chat/lobby", query, "HTTP/1.1", headers, 200, new InetSocketAddress("127.0.0.1", 50000));
		return new HandshakeContext(request, "/chat/{room}", Map.of("room", "lobby"), new HashMap<>());
	}

	@Test
	void subprotocolTokenIsFoundAmongTheOfferedEntries() {
		HandshakeContext context = context(
				Map.of("sec-websocket-protocol", List.of("chat.v1, access_token.eyJ.abc-_x", "other")), "");
		assertThat(context.offeredSubprotocols()).containsExactly("chat.v1", "access_token.eyJ.abc-_x", "other");
		assertThat(context.subprotocolToken("access_token.")).isEqualTo("eyJ.abc-_x");
		assertThat(context.subprotocolToken("bearer.")).isNull();
	}

	@Test
	void queryParameterIsDecoded() {
		HandshakeContext context = context(Map.of(), "access_token=a%2Bb&x=1");
		assertThat(context.queryParameter("access_token")).isEqualTo("a+b");
		assertThat(context.queryParameter("missing")).isNull();
		assertThat(context.pathVariables()).containsEntry("room", "lobby");
		assertThat(context.pathTemplate()).isEqualTo("/chat/{room}");
	}

	@Test
	void toStringLeavesTheQueryOut() {
		HandshakeContext context = context(Map.of(), "access_token=secret");
		assertThat(context.toString()).contains("/chat/lobby").doesNotContain("secret").doesNotContain("?");
	}

	@Test
	void rejectCarriesTheStatus() {
		WsHandshakeException exception = context(Map.of(), "").reject(403, "forbidden");
		assertThat(exception.httpStatus()).isEqualTo(403);
		assertThat(exception).hasMessage("forbidden");
	}

}
