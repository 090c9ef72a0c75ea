package io.wsboot.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A path such as {@code /chat/lobby} or a template such as {@code /chat/{room}}: literal
 * segments and variables, each variable a whole segment.
 *
 * <p>
 * A request path is split at {@code /} before its segments are percent-decoded as UTF-8
 * (RFC 3986 §2.1, §3.3), so {@code %2F} stays inside one segment. Literals are compared
 * with the decoded segments and written decoded in the template. A variable matches one
 * non-empty segment other than {@code .} and {@code ..}, so no variable value can walk up
 * a hierarchy. A trailing slash is a segment of its own: {@code /chat/} matches only a
 * template that ends with a slash.
 *
 * @author wsboot
 */
public final class PathTemplate {

	/**
	 * Orders templates from the most specific: exact paths first, then the templates with
	 * more literal segments, then those whose first literal comes earlier, then by text.
	 * Two templates that can match the same path are thus ordered by which wins.
	 */
	public static final Comparator<PathTemplate> SPECIFICITY = Comparator.comparing(PathTemplate::isExact)
		.reversed()
		.thenComparing(Comparator.comparingInt(PathTemplate::literalSegmentCount).reversed())
		.thenComparing(PathTemplate::compareShapes)
		.thenComparing(PathTemplate::template);

	private final String template;

	private final List<Segment> segments;

	private final List<String> variableNames;

	private PathTemplate(String template, List<Segment> segments) {
		this.template = template;
		this.segments = List.copyOf(segments);
		List<String> names = new ArrayList<>();
		for (Segment segment : segments) {
			if (segment.variable()) {
				names.add(segment.text());
			}
		}
		this.variableNames = List.copyOf(names);
	}

	/**
	 * Parse a path or template.
	 * @param template a path starting with {@code /}, whose variables are whole segments
	 * written {@code {name}} with a name unique within the template and valid as a Java
	 * identifier
	 * @return the template
	 * @throws IllegalArgumentException when the template is invalid, naming it
	 */
	public static PathTemplate parse(String template) {
		if (!template.startsWith("/")) {
			throw invalid(template, "must start with '/'");
		}
		if (template.indexOf('?') >= 0 || template.indexOf('#') >= 0) {
			throw invalid(template, "must not contain a query or fragment");
		}
		String[] parts = template.substring(1).split("/", -1);
		List<Segment> segments = new ArrayList<>(parts.length);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.isEmpty() && i < parts.length - 1) {
				throw invalid(template, "must not contain an empty segment");
			}
			if (part.startsWith("{") && part.endsWith("}") && part.length() >= 2) {
				String name = part.substring(1, part.length() - 1);
				if (!isIdentifier(name)) {
					throw invalid(template, "has a variable name '" + name + "' that is not a valid identifier");
				}
				if (names.contains(name)) {
					throw invalid(template, "declares the variable '" + name + "' twice");
				}
				names.add(name);
				segments.add(new Segment(name, true));
			}
			else {
				checkLiteral(template, part);
				segments.add(new Segment(part, false));
			}
		}
		return new PathTemplate(template, segments);
	}

	private static void checkLiteral(String template, String literal) {
		if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
			throw invalid(template, "has a variable that is not a whole segment in '" + literal + "'");
		}
		if (literal.indexOf('%') >= 0) {
			throw invalid(template, "must be written decoded, without '%' escapes");
		}
		if (literal.equals(".") || literal.equals("..")) {
			throw invalid(template, "must not contain the dot segment '" + literal + "'");
		}
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c <= 0x20 || c == 0x7F) {
				throw invalid(template, "must not contain whitespace or control characters");
			}
		}
	}

	private static boolean isIdentifier(String name) {
		if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			if (!Character.isJavaIdentifierPart(name.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static IllegalArgumentException invalid(String template, String problem) {
		return new IllegalArgumentException("path template '" + template + "' " + problem);
	}

	/**
	 * Return the template as written.
	 * @return the template
	 */
	public String template() {
		return this.template;
	}

	/**
	 * Return the names of the variables, from left to right.
	 * @return the variable names, empty for an exact path
	 */
	public List<String> variableNames() {
		return this.variableNames;
	}

	/**
	 * Whether the template is an exact path, without variables.
	 * @return {@code true} when every segment is literal
	 */
	public boolean isExact() {
		return this.variableNames.isEmpty();
	}

	/**
	 * Return the number of segments, counting a trailing slash as an empty one.
	 * @return the segment count
	 */
	public int segmentCount() {
		return this.segments.size();
	}

	/**
	 * Return the number of literal segments, a measure of specificity.
	 * @return the literal segment count
	 */
	public int literalSegmentCount() {
		return this.segments.size() - this.variableNames.size();
	}

	List<String> segmentTexts() {
		List<String> texts = new ArrayList<>(this.segments.size());
		for (Segment segment : this.segments) {
			texts.add(segment.text());
		}
		return texts;
	}

	/**
	 * Match a request path.
	 * @param rawPath the path as received, percent-encoded, without the query
	 * @return the decoded variable values by name (empty for an exact path), or
	 * {@code null} when the path does not match or cannot be decoded
	 */
	public @Nullable Map<String, String> match(String rawPath) {
		List<String> decoded = decodeSegments(rawPath);
		return (decoded != null) ? match(decoded) : null;
	}

	@Nullable Map<String, String> match(List<String> decodedSegments) {
		if (decodedSegments.size() != this.segments.size()) {
			return null;
		}
		Map<String, String> variables = this.variableNames.isEmpty() ? Map.of() : new LinkedHashMap<>();
		for (int i = 0; i < this.segments.size(); i++) {
			Segment segment = this.segments.get(i);
			String value = decodedSegments.get(i);
			if (!segment.variable()) {
				if (!segment.text().equals(value)) {
					return null;
				}
			}
			else if (value.isEmpty() || value.equals(".") || value.equals("..")) {
				// an empty segment is a missing value, and a dot segment would let a
				// value such as a file name walk up a hierarchy (RFC 3986 §5.2.4)
				return null;
			}
			else {
				variables.put(segment.text(), value);
			}
		}
		return this.variableNames.isEmpty() ? variables : Collections.unmodifiableMap(variables);
	}

	/**
	 * Whether this template and another match exactly the same paths: same segment count,
	 * variables at the same positions and equal literals, whatever the variable names.
	 * @param other the other template
	 * @return {@code true} when no path could tell them apart
	 */
	public boolean matchesSamePathsAs(PathTemplate other) {
		if (this.segments.size() != other.segments.size()) {
			return false;
		}
		for (int i = 0; i < this.segments.size(); i++) {
			Segment mine = this.segments.get(i);
			Segment theirs = other.segments.get(i);
			if (mine.variable() != theirs.variable() || (!mine.variable() && !mine.text().equals(theirs.text()))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Split a request path at {@code /} and percent-decode each segment as UTF-8.
	 * @param rawPath the path as received
	 * @return the decoded segments, or {@code null} when the path does not start with
	 * {@code /} or holds a malformed escape or invalid UTF-8
	 */
	static @Nullable List<String> decodeSegments(String rawPath) {
		if (!rawPath.startsWith("/")) {
			return null;
		}
		String[] parts = rawPath.substring(1).split("/", -1);
		List<String> decoded = new ArrayList<>(parts.length);
		for (String part : parts) {
			String segment = percentDecode(part);
			if (segment == null) {
				return null;
			}
			decoded.add(segment);
		}
		return decoded;
	}

	private static @Nullable String percentDecode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
		int i = 0;
		while (i < segment.length()) {
			if (segment.charAt(i) == '%') {
				// RFC 3986 §2.1: pct-encoded = "%" HEXDIG HEXDIG
				int high = (i + 2 < segment.length()) ? Character.digit(segment.charAt(i + 1), 16) : -1;
				int low = (high >= 0) ? Character.digit(segment.charAt(i + 2), 16) : -1;
				if (low < 0) {
					return null;
				}
				bytes.write((high << 4) | low);
				i += 3;
			}
			else {
				int codePoint = segment.codePointAt(i);
				byte[] encoded = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
				i += Character.charCount(codePoint);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static int compareShapes(PathTemplate a, PathTemplate b) {
		int common = Math.min(a.segments.size(), b.segments.size());
		for (int i = 0; i < common; i++) {
			boolean aVariable = a.segments.get(i).variable();
			if (aVariable != b.segments.get(i).variable()) {
				// the leftmost literal wins
				return aVariable ? 1 : -1;
			}
		}
		return Integer.compare(b.segments.size(), a.segments.size());
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof PathTemplate that) && this.template.equals(that.template);
	}

	@Override
	public int hashCode() {
		return this.template.hashCode();
	}

	@Override
	public String toString() {
		return this.template;
	}

	private record Segment(String text, boolean variable) {

	}

}
