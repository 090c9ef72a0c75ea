package io.wsboot.endpoint.security;

import java.util.List;
import java.util.Locale;

import io.wsboot.endpoint.handshake.HandshakeContext;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Reads a bearer token from an upgrade request, looking in this order: the
 * {@code Authorization: Bearer} header (non-browser clients), a
 * {@code Sec-WebSocket-Protocol} entry {@code wsboot.bearer.<token>} (browsers, which
 * cannot set headers on a WebSocket upgrade), and the {@code access_token} query
 * parameter (off by default). Each place can be switched off.
 *
 * <p>
 * The subprotocol entry is never selected: the server only selects subprotocols that the
 * endpoint declares, and the auto-configuration refuses to start when an endpoint
 * declares one with the {@value #SUBPROTOCOL_PREFIX} prefix. A browser therefore offers
 * the token entry together with the application's subprotocol, such as
 * {@code ["wsboot.bearer.eyJ...", "chat"]}, and sees {@code chat} selected.
 *
 * @author wsboot
 */
public final class BearerTokenWsAuthenticationConverter implements WsAuthenticationConverter {

	/** The prefix of the {@code Sec-WebSocket-Protocol} entry that carries a token. */
	public static final String SUBPROTOCOL_PREFIX = "wsboot.bearer.";

	/** The query parameter that carries a token, when allowed. */
	public static final String QUERY_PARAMETER = "access_token";

	private static final String BEARER = "bearer ";

	private final boolean header;

	private final boolean subprotocol;

	private final boolean queryParameter;

	/**
	 * Create a converter that reads the header and the subprotocol entry, not the query.
	 */
	public BearerTokenWsAuthenticationConverter() {
		this(true, true, false);
	}

	/**
	 * Create a converter.
	 * @param header whether to read the {@code Authorization: Bearer} header
	 * @param subprotocol whether to read a {@code wsboot.bearer.<token>} subprotocol
	 * entry
	 * @param queryParameter whether to read the {@code access_token} query parameter
	 */
	public BearerTokenWsAuthenticationConverter(boolean header, boolean subprotocol, boolean queryParameter) {
		this.header = header;
		this.subprotocol = subprotocol;
		this.queryParameter = queryParameter;
	}

	@Override
	public @Nullable BearerTokenAuthenticationToken convert(HandshakeContext handshake) {
		String token = resolve(handshake);
		return (token != null) ? new BearerTokenAuthenticationToken(token) : null;
	}

	private @Nullable String resolve(HandshakeContext handshake) {
		if (this.header) {
			String authorization = handshake.header("Authorization");
			if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
				return checked(authorization.substring(BEARER.length()).trim());
			}
		}
		if (this.subprotocol) {
			String token = handshake.subprotocolToken(SUBPROTOCOL_PREFIX);
			if (token != null) {
				return checked(token);
			}
		}
		if (this.queryParameter) {
			List<String> values = handshake.request().queryParameter(QUERY_PARAMETER);
			if (values.size() > 1) {
				throw invalid("more than one access_token query parameter");
			}
			if (!values.isEmpty()) {
				return checked(values.get(0));
			}
		}
		return null;
	}

	private static String checked(String token) {
		// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/"
		// ) *"="
		if (token.isEmpty() || !token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
			throw invalid("malformed bearer token");
		}
		return token;
	}

	private static OAuth2AuthenticationException invalid(String description) {
		BearerTokenError error = BearerTokenErrors.invalidRequest(description);
		return new OAuth2AuthenticationException(error, description);
	}

}
