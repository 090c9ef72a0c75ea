package io.wsboot.autoconfigure.observation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.wsboot.engine.HandshakeRequest;

/**
 * Hides credentials in what the traffic log shows of an upgrade request: the values of
 * secret headers and query parameters, and the credential part of a
 * {@code Sec-WebSocket-Protocol} entry such as {@code wsboot.bearer.<token>}.
 *
 * @author wsboot
 */
final class TrafficRedactor {

	static final String REDACTED = "[redacted]";

	private final Set<String> secretHeaders;

	private final Set<String> secretQueryParameters;

	private final List<String> secretSubprotocolPrefixes;

	TrafficRedactor(Collection<String> secretHeaders, Collection<String> secretQueryParameters,
			Collection<String> secretSubprotocolPrefixes) {
		this.secretHeaders = lowerCase(secretHeaders);
		this.secretQueryParameters = lowerCase(secretQueryParameters);
		this.secretSubprotocolPrefixes = List.copyOf(secretSubprotocolPrefixes);
	}

	private static Set<String> lowerCase(Collection<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Return the request target with the values of secret query parameters redacted.
	 */
	String target(HandshakeRequest request) {
		String query = request.query();
		if (query.isEmpty()) {
			return request.path();
		}
		StringBuilder target = new StringBuilder(request.path()).append('?');
		String[] parameters = query.split("&", -1);
		for (int i = 0; i < parameters.length; i++) {
			if (i > 0) {
				target.append('&');
			}
			String parameter = parameters[i];
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			if (equals >= 0 && this.secretQueryParameters.contains(decode(name).toLowerCase(Locale.ROOT))) {
				target.append(name).append('=').append(REDACTED);
			}
			else {
				target.append(parameter);
			}
		}
		return target.toString();
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	/**
	 * Return the request's headers with secret values redacted, by name.
	 */
	Map<String, List<String>> headers(HandshakeRequest request) {
		Map<String, List<String>> headers = new TreeMap<>();
		request.headers().forEach((name, values) -> headers.put(name, redact(name, values)));
		return headers;
	}

	private List<String> redact(String name, List<String> values) {
		if (this.secretHeaders.contains(name)) {
			return values.stream().map((value) -> REDACTED).toList();
		}
		if (name.equals("sec-websocket-protocol")) {
			return values.stream().map(this::subprotocols).toList();
		}
		return values;
	}

	/**
	 * Return a {@code Sec-WebSocket-Protocol} value with the credential of each entry
	 * that starts with a secret prefix redacted.
	 */
	String subprotocols(String value) {
		List<String> entries = new ArrayList<>();
		for (String entry : value.split(",", -1)) {
			String trimmed = entry.strip();
			entries.add(subprotocol(trimmed));
		}
		return String.join(", ", entries);
	}

	private String subprotocol(String entry) {
		for (String prefix : this.secretSubprotocolPrefixes) {
			if (entry.regionMatches(true, 0, prefix, 0, prefix.length())) {
				return entry.substring(0, prefix.length()) + REDACTED;
			}
		}
		return entry;
	}

}
