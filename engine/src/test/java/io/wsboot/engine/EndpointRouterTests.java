package io.wsboot.engine;

import java.util.List;
import java.util.Map;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.internal.routing.RouteMatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EndpointRouter}.
 */
class EndpointRouterTests {

	private static final Endpoint LOBBY = endpoint("/chat/lobby");

	private static final Endpoint ROOM = endpoint("/chat/{room}");

	private static final Endpoint APP_LOBBY = endpoint("/{app}/lobby");

	private static final Endpoint ANY_PAIR = endpoint("/{app}/{room}");

	@Nested
	@DisplayName("RFC 6455 §4.2.1 routing the request-URI")
	class Routing {

		@Test
		void exactPathWinsOverTemplate() {
			EndpointRouter router = new EndpointRouter(List.of(ROOM, LOBBY));
			assertRoute(router.route("/chat/lobby"), LOBBY, Map.of());
			assertRoute(router.route("/chat/other"), ROOM, Map.of("room", "other"));
		}

		@Test
		void templateWithMoreLiteralsWins() {
			EndpointRouter router = new EndpointRouter(List.of(ANY_PAIR, ROOM));
			assertRoute(router.route("/chat/x"), ROOM, Map.of("room", "x"));
			assertRoute(router.route("/talk/x"), ANY_PAIR, Map.of("app", "talk", "room", "x"));
		}

		@Test
		void leftmostLiteralWinsWhateverTheDeclarationOrder() {
			for (List<Endpoint> endpoints : List.of(List.of(APP_LOBBY, ROOM), List.of(ROOM, APP_LOBBY))) {
				EndpointRouter router = new EndpointRouter(endpoints);
				assertRoute(router.route("/chat/lobby"), ROOM, Map.of("room", "lobby"));
				assertRoute(router.route("/talk/lobby"), APP_LOBBY, Map.of("app", "talk"));
			}
		}

		@Test
		void allFourCompeteForOnePath() {
			EndpointRouter router = new EndpointRouter(List.of(ANY_PAIR, APP_LOBBY, ROOM, LOBBY));
			assertRoute(router.route("/chat/lobby"), LOBBY, Map.of());
			assertRoute(router.route("/chat/hall"), ROOM, Map.of("room", "hall"));
			assertRoute(router.route("/talk/lobby"), APP_LOBBY, Map.of("app", "talk"));
			assertRoute(router.route("/talk/hall"), ANY_PAIR, Map.of("app", "talk", "room", "hall"));
		}

		@Test
		void variablesArePercentDecoded() {
			EndpointRouter router = new EndpointRouter(List.of(ROOM));
			assertRoute(router.route("/chat/caf%C3%A9%20au%20lait"), ROOM, Map.of("room", "caf\u00e9 au lait"));
		}

		@Test
		void exactPathsArePercentDecoded() {
			EndpointRouter router = new EndpointRouter(List.of(LOBBY));
			assertRoute(router.route("/chat/%6Cobby"), LOBBY, Map.of());
		}

		@Test
		void variablesAreReturnedInTemplateOrder() {
			Endpoint endpoint = endpoint("/{tenant}/chat/{room}");
			RouteMatch match = new EndpointRouter(List.of(endpoint)).route("/acme/chat/lobby");
			assertThat(match).isNotNull();
			assertThat(match.pathVariables()).containsExactly(Map.entry("tenant", "acme"), Map.entry("room", "lobby"));
		}

		@Test
		void pathVariablesAreReadOnly() {
			RouteMatch match = new EndpointRouter(List.of(ROOM)).route("/chat/x");
			assertThat(match).isNotNull();
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> match.pathVariables().put("room", "y"));
		}

	}

	@Nested
	@DisplayName("RFC 6455 §4.2.1 no endpoint for the request-URI")
	class NoMatch {

		@Test
		void unknownPathGivesNull() {
			EndpointRouter router = new EndpointRouter(List.of(LOBBY, ROOM));
			assertThat(router.route("/talk")).isNull();
			assertThat(router.route("/chat")).isNull();
			assertThat(router.route("/chat/")).isNull();
			assertThat(router.route("/chat/lobby/")).isNull();
			assertThat(router.route("/chat/a/b")).isNull();
		}

		@Test
		void undecodablePathGivesNull() {
			assertThat(new EndpointRouter(List.of(ROOM)).route("/chat/%C3")).isNull();
		}

		@Test
		void dotSegmentNeverFillsAVariable() {
			assertThat(new EndpointRouter(List.of(ROOM)).route("/chat/..")).isNull();
		}

		@Test
		void emptyRouterGivesNull() {
			assertThat(new EndpointRouter(List.of()).route("/")).isNull();
		}

	}

	@Nested
	@DisplayName("endpoint path conflicts")
	class Conflicts {

		@Test
		void sameTemplateTwiceIsRejected() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new EndpointRouter(List.of(LOBBY, endpoint("/chat/lobby"))))
				.withMessage("endpoint path templates '/chat/lobby' and '/chat/lobby' match the same paths");
		}

		@Test
		void templatesThatDifferOnlyInVariableNamesAreRejected() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new EndpointRouter(List.of(ROOM, LOBBY, endpoint("/chat/{id}"))))
				.withMessage("endpoint path templates '/chat/{room}' and '/chat/{id}' match the same paths");
		}

		@Test
		void overlappingTemplatesAreAllowed() {
			EndpointRouter router = new EndpointRouter(
					List.of(LOBBY, ROOM, APP_LOBBY, ANY_PAIR, endpoint("/chat/{room}/")));
			assertThat(router.endpoints()).hasSize(5);
		}

		@Test
		void invalidTemplateIsRejectedNamingIt() {
			assertThatIllegalArgumentException().isThrownBy(() -> new EndpointRouter(List.of(endpoint("chat"))))
				.withMessage("path template 'chat' must start with '/'");
		}

	}

	@Test
	void endpointsAreKeptInTheGivenOrder() {
		assertThat(new EndpointRouter(List.of(ANY_PAIR, LOBBY, ROOM)).endpoints()).containsExactly(ANY_PAIR, LOBBY,
				ROOM);
	}

	private static void assertRoute(RouteMatch match, Endpoint endpoint, Map<String, String> variables) {
		assertThat(match).isNotNull();
		assertThat(match.endpoint()).isSameAs(endpoint);
		assertThat(match.pathVariables()).isEqualTo(variables);
	}

	private static Endpoint endpoint(String path) {
		return Endpoint.of(path, new WsHandler() {
		});
	}

}
