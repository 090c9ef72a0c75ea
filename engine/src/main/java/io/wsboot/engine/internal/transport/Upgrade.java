package io.wsboot.engine.internal.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.UpgradeCheck;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.internal.extension.ExtensionCodec;
import io.wsboot.engine.internal.extension.ExtensionFactory;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.NegotiatedExtension;
import io.wsboot.engine.internal.handshake.AcceptKey;
import io.wsboot.engine.internal.handshake.ExtensionHeaderParser;
import io.wsboot.engine.internal.handshake.HandshakeResponses;
import io.wsboot.engine.internal.handshake.HandshakeValidator;
import io.wsboot.engine.internal.handshake.SubprotocolSelector;
import io.wsboot.engine.internal.routing.RouteMatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's answer to a valid upgrade request (RFC 6455 §4.2.2): the endpoint, the
 * negotiated subprotocol and extension, and the 101 response.
 *
 * @param endpoint the endpoint that accepted the request
 * @param pathVariables the values of its template's variables
 * @param subprotocol the chosen subprotocol, or {@code null}
 * @param extensionElements the accepted extensions as sent in the response
 * @param extension the accepted extension's codec, or {@code null}
 * @param response the 101 response
 * @param attributes the session attributes the upgrade checks filled, or {@code null}
 * when the endpoint has none
 */
record Upgrade(Endpoint endpoint, Map<String, String> pathVariables, @Nullable String subprotocol,
		List<String> extensionElements, @Nullable ExtensionCodec extension, ByteBuffer response,
		@Nullable Map<String, Object> attributes) {

	private static final Logger logger = LoggerFactory.getLogger(Upgrade.class);

	/**
	 * Validate, route and negotiate a request.
	 * @param request the request
	 * @param server the server
	 * @return the upgrade, which holds a connection-limit slot for the connection to
	 * release when it finishes
	 * @throws WsHandshakeException when the request is refused; no slot is then held
	 */
	static Upgrade negotiate(HandshakeRequest request, ServerRuntime server) {
		if (server.isDraining()) {
			// the node is going away: the client should come back, to another node
			throw server.drainingRefusal();
		}
		// RFC 6455 §4.2.1: method, HTTP version, Host, Upgrade, Connection, key, version
		HandshakeValidator.validate(request);
		RouteMatch match = server.router().route(request.path());
		if (match == null) {
			throw new WsHandshakeException(RejectionReason.NOT_FOUND, "no WebSocket endpoint at " + request.path());
		}
		ServerConfig config = server.config();
		String origin = request.header("origin");
		// RFC 6455 §4.2.2 step 4, §10.2: browsers from other origins may be refused
		if (!config.originPolicy().allows(origin)) {
			throw new WsHandshakeException(RejectionReason.ORIGIN_NOT_ALLOWED, (origin != null)
					? "origin " + origin + " is not allowed" : "requests without Origin are not allowed");
		}
		String refused = server.limiter().tryAcquire(request.remoteAddress().getAddress());
		if (refused != null) {
			throw new WsHandshakeException(RejectionReason.CONNECTION_LIMIT, refused);
		}
		ExtensionCodec codec = null;
		try {
			Endpoint endpoint = match.endpoint();
			Map<String, Object> attributes = runUpgradeChecks(request, match, endpoint);
			String subprotocol = SubprotocolSelector.select(request.headerValues("sec-websocket-protocol"),
					endpoint.subprotocols());
			List<String> elements = new ArrayList<>();
			if (endpoint.extensionsEnabled() && !server.extensions().isEmpty()) {
				NegotiatedExtension negotiated = negotiateExtension(request, server.extensions());
				if (negotiated != null) {
					codec = negotiated.codec();
					elements.add(negotiated.responseElement());
				}
			}
			String accept = AcceptKey.compute(request.header("sec-websocket-key"));
			ByteBuffer response = HandshakeResponses.switchingProtocols(accept, subprotocol, elements);
			Map<String, String> pathVariables = compact(match.pathVariables());
			return new Upgrade(endpoint, pathVariables, subprotocol, List.copyOf(elements), codec, response,
					attributes);
		}
		catch (RuntimeException ex) {
			server.limiter().release(request.remoteAddress().getAddress());
			if (codec != null) {
				codec.release();
			}
			throw ex;
		}
	}

	/**
	 * A session keeps its path variables for its life: the router's ordered copy costs
	 * about 90 bytes even when empty, an immutable map of none or one entry (the usual
	 * cases, where the order is trivially kept) 0 or 24.
	 */
	private static Map<String, String> compact(Map<String, String> pathVariables) {
		if (pathVariables.isEmpty()) {
			return Map.of();
		}
		if (pathVariables.size() == 1) {
			Map.Entry<String, String> only = pathVariables.entrySet().iterator().next();
			return Map.of(only.getKey(), only.getValue());
		}
		return pathVariables;
	}

	/**
	 * Run the endpoint's upgrade checks.
	 * @return the session attributes they filled, created only when there are checks
	 */
	private static @Nullable Map<String, Object> runUpgradeChecks(HandshakeRequest request, RouteMatch match,
			Endpoint endpoint) {
		Map<String, Object> attributes = null;
		for (UpgradeCheck check : endpoint.upgradeChecks()) {
			if (attributes == null) {
				attributes = new ConcurrentHashMap<>();
			}
			try {
				check.check(request, match.pathVariables(), attributes);
			}
			catch (WsHandshakeException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				logger.warn("Upgrade check {} failed for {}", check, request.path(), ex);
				throw new WsHandshakeException(RejectionReason.SERVER_ERROR, "upgrade check failed");
			}
		}
		return attributes;
	}

	/**
	 * Accept at most one extension: the first of the server's, in its order of
	 * preference, that accepts one of the client's offers (RFC 6455 §9.1).
	 */
	private static @Nullable NegotiatedExtension negotiateExtension(HandshakeRequest request,
			List<ExtensionFactory> factories) {
		List<ExtensionOffer> offers = ExtensionHeaderParser.parse(request.headerValues("sec-websocket-extensions"));
		if (offers.isEmpty()) {
			return null;
		}
		for (ExtensionFactory factory : factories) {
			List<ExtensionOffer> matching = offers.stream()
				.filter((offer) -> offer.name().equals(factory.name()))
				.toList();
			if (!matching.isEmpty()) {
				NegotiatedExtension negotiated = factory.negotiate(matching);
				if (negotiated != null) {
					return negotiated;
				}
			}
		}
		return null;
	}

	static ByteBuffer errorResponse(WsHandshakeException ex) {
		try {
			return HandshakeResponses.error(ex);
		}
		catch (IllegalArgumentException invalidHeader) {
			// an upgrade check supplied a header that cannot be sent: answer without it
			logger.warn("Dropping the extra headers of a {} response: {}", ex.httpStatus(), invalidHeader.getMessage());
			return HandshakeResponses.error(ex.httpStatus(), ex.getMessage(), java.util.Map.of());
		}
	}

}
