package io.wsboot.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PathTemplate}.
 */
class PathTemplateTests {

	@Nested
	@DisplayName("path template syntax")
	class Syntax {

		@Test
		void templateWithAVariable() {
			PathTemplate template = PathTemplate.parse("/chat/{room}");
			assertThat(template.template()).isEqualTo("/chat/{room}");
			assertThat(template.variableNames()).containsExactly("room");
			assertThat(template.isExact()).isFalse();
			assertThat(template.segmentCount()).isEqualTo(2);
			assertThat(template.literalSegmentCount()).isEqualTo(1);
		}

		@Test
		void exactPath() {
			PathTemplate template = PathTemplate.parse("/chat/lobby");
			assertThat(template.variableNames()).isEmpty();
			assertThat(template.isExact()).isTrue();
			assertThat(template.literalSegmentCount()).isEqualTo(2);
		}

		@Test
		void rootPath() {
			PathTemplate template = PathTemplate.parse("/");
			assertThat(template.isExact()).isTrue();
			assertThat(template.segmentCount()).isEqualTo(1);
		}

		@Test
		void variablesAreListedLeftToRight() {
			assertThat(PathTemplate.parse("/{tenant}/chat/{room}/{_user$1}").variableNames()).containsExactly("tenant",
					"room", "_user$1");
		}

		@Test
		void templatesAreEqualByText() {
			assertThat(PathTemplate.parse("/chat/{room}")).isEqualTo(PathTemplate.parse("/chat/{room}"))
				.hasSameHashCodeAs(PathTemplate.parse("/chat/{room}"))
				.isNotEqualTo(PathTemplate.parse("/chat/{id}"))
				.hasToString("/chat/{room}");
		}

		@ParameterizedTest(name = "[{0}]")
		@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
				``                    | must start with '/'
				chat/{room}           | must start with '/'
				/chat?x=1             | must not contain a query or fragment
				/chat#top             | must not contain a query or fragment
				/chat//{room}         | must not contain an empty segment
				//chat                | must not contain an empty segment
				/chat/{room}/{room}   | declares the variable 'room' twice
				/chat/{}              | has a variable name '' that is not a valid identifier
				/chat/{1room}         | has a variable name '1room' that is not a valid identifier
				/chat/{ro-om}         | has a variable name 'ro-om' that is not a valid identifier
				/chat/{ro om}         | has a variable name 'ro om' that is not a valid identifier
				/chat/x{room}         | has a variable that is not a whole segment in 'x{room}'
				/chat/{room}x         | has a variable that is not a whole segment in '{room}x'
				/chat/{room           | has a variable that is not a whole segment in '{room'
				/chat/room}           | has a variable that is not a whole segment in 'room}'
				/chat/{{room}}        | has a variable name '{room}' that is not a valid identifier
				/caf%C3%A9            | must be written decoded, without '%' escapes
				/chat/..              | must not contain the dot segment '..'
				/./chat               | must not contain the dot segment '.'
				/chat room            | must not contain whitespace or control characters
				""")
		void invalidTemplateIsRejectedNamingIt(String template, String problem) {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(template))
				.withMessage("path template '" + template + "' " + problem);
		}

	}

	@Nested
	@DisplayName("RFC 3986 §3.3 path matching")
	class Matching {

		@ParameterizedTest(name = "{0} matches {1}: {2}")
		@CsvSource({ "/chat/{room}, /chat/lobby, room=lobby",
				"/{tenant}/chat/{room}, /acme/chat/lobby, tenant=acme room=lobby", "/chat/lobby, /chat/lobby, ''" })
		void matchReturnsOneValuePerVariableInTemplateOrder(String template, String path, String variables) {
			assertThat(PathTemplate.parse(template).match(path)).containsExactlyEntriesOf(variables(variables));
		}

		@Test
		void rootMatchesOnlyRoot() {
			PathTemplate root = PathTemplate.parse("/");
			assertThat(root.match("/")).isEmpty();
			assertThat(root.match("/x")).isNull();
			assertThat(root.match("//")).isNull();
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "/chat", "/chat/", "/chat/lobby/", "/chat/lobby/x", "/chat//", "/Chat/lobby",
				"chat/lobby", "", "/chat/.", "/chat/..", "/chat/%2e%2E", "/chat/%2E" })
		void pathThatDoesNotMatchGivesNull(String path) {
			assertThat(PathTemplate.parse("/chat/{room}").match(path)).isNull();
		}

		@Test
		void trailingSlashMatchesOnlyATemplateWithOne() {
			PathTemplate withSlash = PathTemplate.parse("/chat/{room}/");
			assertThat(withSlash.match("/chat/lobby/")).containsExactly(Map.entry("room", "lobby"));
			assertThat(withSlash.match("/chat/lobby")).isNull();
			assertThat(PathTemplate.parse("/chat/").match("/chat/")).isEmpty();
			assertThat(PathTemplate.parse("/chat/").match("/chat")).isNull();
			assertThat(PathTemplate.parse("/chat").match("/chat/")).isNull();
		}

		@Test
		void literalsAreCaseSensitive() {
			assertThat(PathTemplate.parse("/chat").match("/CHAT")).isNull();
		}

	}

	@Nested
	@DisplayName("RFC 3986 §2.1 percent-decoding")
	class PercentDecoding {

		@ParameterizedTest(name = "{1} -> room ''{2}'' ({0})")
		@CsvSource(delimiter = '|', textBlock = """
				UTF-8                                   | /chat/caf%C3%A9%20cr%c3%a8me | caf\u00e9 cr\u00e8me
				an encoded slash stays in the segment   | /chat/a%2Fb                  | a/b
				a plus is not a space in a path         | /chat/a+b                    | a+b
				a four-byte character                   | /chat/%F0%9F%92%AC           | \ud83d\udcac
				""")
		void variableValueIsDecoded(String description, String path, String room) {
			assertThat(PathTemplate.parse("/chat/{room}").match(path)).containsExactly(Map.entry("room", room));
		}

		@Test
		void literalsAreComparedDecoded() {
			assertThat(PathTemplate.parse("/chat/{room}").match("/ch%61t/lobby"))
				.containsExactly(Map.entry("room", "lobby"));
			assertThat(PathTemplate.parse("/caf\u00e9").match("/caf%C3%A9")).isEmpty();
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "/chat/%", "/chat/%2", "/chat/%zz", "/chat/a%G0", "/chat/%C3", "/chat/%C3%28",
				"/chat/%FF", "/chat/%ED%A0%80", "/chat/%C0%AF" })
		void malformedEscapeOrInvalidUtf8MatchesNothing(String path) {
			assertThat(PathTemplate.parse("/chat/{room}").match(path)).isNull();
		}

	}

	@Nested
	@DisplayName("path template specificity")
	class Specificity {

		@Test
		void templatesAreOrderedFromTheMostSpecific() {
			List<PathTemplate> templates = new ArrayList<>();
			for (String template : List.of("/{a}/{b}", "/{app}/lobby", "/chat/{room}", "/chat/lobby", "/{x}",
					"/chat/{room}/{user}", "/chat")) {
				templates.add(PathTemplate.parse(template));
			}
			templates.sort(PathTemplate.SPECIFICITY);
			assertThat(templates).extracting(PathTemplate::template)
				.containsExactly("/chat/lobby", "/chat", "/chat/{room}/{user}", "/chat/{room}", "/{app}/lobby",
						"/{a}/{b}", "/{x}");
		}

		@Test
		void sameShapeWithDifferentNamesMatchesTheSamePaths() {
			assertThat(PathTemplate.parse("/chat/{room}").matchesSamePathsAs(PathTemplate.parse("/chat/{id}")))
				.isTrue();
		}

		@Test
		void differentShapesDoNotMatchTheSamePaths() {
			PathTemplate template = PathTemplate.parse("/chat/{room}");
			assertThat(template.matchesSamePathsAs(PathTemplate.parse("/chat/{room}/"))).isFalse();
			assertThat(template.matchesSamePathsAs(PathTemplate.parse("/{app}/{room}"))).isFalse();
			assertThat(template.matchesSamePathsAs(PathTemplate.parse("/talk/{room}"))).isFalse();
			assertThat(template.matchesSamePathsAs(PathTemplate.parse("/chat/lobby"))).isFalse();
		}

	}

	/**
	 * Return variables given as {@code "name=value name=value"}, in order.
	 */
	private static Map<String, String> variables(String variables) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String variable : variables.split(" ")) {
			if (!variable.isEmpty()) {
				String[] nameAndValue = variable.split("=");
				map.put(nameAndValue[0], nameAndValue[1]);
			}
		}
		return map;
	}

}
