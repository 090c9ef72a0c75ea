package io.wsboot.engine.internal.routing;

import java.util.List;

import io.wsboot.engine.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * What the transport asks of the server's routing table (RFC 6455 §4.2.1 item 1: the
 * request-URI names the resource). Implemented by the vocabulary's endpoint router, so
 * that the transport does not depend on how paths are matched.
 *
 * @author wsboot
 */
public interface Router {

	/**
	 * Find the endpoint of a request path.
	 * @param rawPath the path as received, percent-encoded, without the query
	 * @return the endpoint and the variable values, or {@code null} when no endpoint
	 * matches (answered with 404)
	 */
	@Nullable RouteMatch route(String rawPath);

	/**
	 * Return the endpoints, in the order given.
	 * @return the endpoints
	 */
	List<Endpoint> endpoints();

}
