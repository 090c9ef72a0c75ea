package io.wsboot.engine.internal.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.wsboot.engine.Endpoint;

/**
 * The endpoint that serves a request path and the values of its template's variables.
 *
 * @param endpoint the endpoint
 * @param pathVariables the percent-decoded variable values by name, in template order;
 * empty for an exact path
 * @author wsboot
 */
public record RouteMatch(Endpoint endpoint, Map<String, String> pathVariables) {

	/**
	 * Create a match, copying the variables.
	 * @param endpoint the endpoint
	 * @param pathVariables the variable values by name
	 */
	public RouteMatch {
		Objects.requireNonNull(endpoint, "endpoint");
		pathVariables = Collections.unmodifiableMap(new LinkedHashMap<>(pathVariables));
	}

}
