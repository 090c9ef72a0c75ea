package io.wsboot.annotation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed endpoint path: segments that are literal or whole-segment variables such as
 * {@code {room}}. Two templates conflict when they differ only in variable names.
 *
 * @param path the path as declared
 * @param variables the variable names in order
 * @param conflictKey the path with every variable written as {@code {}}
 * @author wsboot
 */
record PathTemplate(String path, Set<String> variables, String conflictKey) {

	private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

	static PathTemplate parse(String path) {
		if (path.isEmpty() || path.charAt(0) != '/') {
			throw new IllegalArgumentException("path '" + path + "' must start with '/'");
		}
		if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
			throw new IllegalArgumentException("path '" + path + "' must not contain a query or fragment");
		}
		Set<String> variables = new LinkedHashSet<>();
		List<String> keySegments = new ArrayList<>();
		for (String segment : path.substring(1).split("/", -1)) {
			boolean opens = segment.indexOf('{') >= 0;
			boolean closes = segment.indexOf('}') >= 0;
			if (!opens && !closes) {
				keySegments.add(segment);
				continue;
			}
			if (!segment.startsWith("{") || !segment.endsWith("}") || segment.indexOf('{', 1) >= 0) {
				throw new IllegalArgumentException("path '" + path
						+ "': a variable must be a whole segment such as {room}, not '" + segment + "'");
			}
			String name = segment.substring(1, segment.length() - 1);
			if (!VARIABLE_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("path '" + path + "': invalid variable name '" + name + "'");
			}
			if (!variables.add(name)) {
				throw new IllegalArgumentException("path '" + path + "': variable '" + name + "' appears twice");
			}
			keySegments.add("{}");
		}
		return new PathTemplate(path, Set.copyOf(variables), "/" + String.join("/", keySegments));
	}

}
