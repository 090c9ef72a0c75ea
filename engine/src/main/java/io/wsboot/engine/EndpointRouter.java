package io.wsboot.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.internal.routing.RouteMatch;
import io.wsboot.engine.internal.routing.Router;
import org.jspecify.annotations.Nullable;

/**
 * Finds the endpoint that serves a request path (RFC 6455 §4.2.1 item 1: the request-URI
 * names the resource).
 *
 * <p>
 * Exact paths win over templates; among templates the one with more literal segments
 * wins, then the one whose first literal segment comes earlier, so {@code /chat/lobby} is
 * served by {@code /chat/lobby}, then {@code /chat/{room}}, then {@code /{app}/lobby}.
 * Two endpoints whose templates match exactly the same paths are rejected up front, so
 * the choice never depends on declaration order. Instances are immutable and thread-safe.
 *
 * @author wsboot
 */
final class EndpointRouter implements Router {

	private final List<Endpoint> endpoints;

	private final Map<List<String>, Route> exactRoutes = new HashMap<>();

	private final List<Route> templateRoutes = new ArrayList<>();

	/**
	 * Create a router.
	 * @param endpoints the endpoints, in any order
	 * @throws IllegalArgumentException when a template is invalid or two templates match
	 * exactly the same paths, naming both
	 */
	EndpointRouter(List<Endpoint> endpoints) {
		this.endpoints = List.copyOf(endpoints);
		List<Route> routes = new ArrayList<>(this.endpoints.size());
		for (Endpoint endpoint : this.endpoints) {
			PathTemplate template = PathTemplate.parse(endpoint.pathTemplate());
			for (Route existing : routes) {
				if (existing.template().matchesSamePathsAs(template)) {
					throw new IllegalArgumentException("endpoint path templates '" + existing.template() + "' and '"
							+ template + "' match the same paths");
				}
			}
			routes.add(new Route(template, endpoint));
		}
		routes.sort((a, b) -> PathTemplate.SPECIFICITY.compare(a.template(), b.template()));
		for (Route route : routes) {
			if (route.template().isExact()) {
				this.exactRoutes.put(route.template().segmentTexts(), route);
			}
			else {
				this.templateRoutes.add(route);
			}
		}
	}

	/**
	 * Find the endpoint of a request path.
	 * @param rawPath the path as received, percent-encoded, without the query
	 * @return the endpoint and the variable values, or {@code null} when no endpoint
	 * matches (answered with 404)
	 */
	@Override
	public @Nullable RouteMatch route(String rawPath) {
		List<String> segments = PathTemplate.decodeSegments(rawPath);
		if (segments == null) {
			return null;
		}
		Route exact = this.exactRoutes.get(segments);
		if (exact != null) {
			return new RouteMatch(exact.endpoint(), Map.of());
		}
		for (Route route : this.templateRoutes) {
			Map<String, String> variables = route.template().match(segments);
			if (variables != null) {
				return new RouteMatch(route.endpoint(), variables);
			}
		}
		return null;
	}

	/**
	 * Return the endpoints, in the order given.
	 * @return the endpoints
	 */
	@Override
	public List<Endpoint> endpoints() {
		return this.endpoints;
	}

	private record Route(PathTemplate template, Endpoint endpoint) {

	}

}
