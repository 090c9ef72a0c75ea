package io.wsboot.engine;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which {@code Origin} header values may open a connection (RFC 6455 §4.2.2 step 4,
 * §10.2). Entries are exact origins ({@code https://chat.example.com}) or patterns where
 * {@code *} matches any run of characters ({@code https://*.example.com},
 * {@code http://localhost:*}); a lone {@code *} allows every origin.
 *
 * @param allowedOrigins exact origins and patterns; empty allows every origin
 * @param allowMissingOrigin whether a request without an {@code Origin} header (a
 * non-browser client) is accepted
 * @author wsboot
 */
public record OriginPolicy(List<String> allowedOrigins, boolean allowMissingOrigin) {

	/** Any origin, and requests without one. */
	public static final OriginPolicy ALLOW_ALL = new OriginPolicy(List.of(), true);

	/**
	 * Create a policy, copying the entries.
	 * @param allowedOrigins exact origins and patterns; empty allows every origin
	 * @param allowMissingOrigin whether a request without an {@code Origin} is accepted
	 */
	public OriginPolicy {
		allowedOrigins = List.copyOf(allowedOrigins);
		for (String origin : allowedOrigins) {
			if (origin.isBlank()) {
				throw new IllegalArgumentException("allowed origin must not be blank");
			}
		}
	}

	/**
	 * Whether a request with this origin may connect.
	 * @param origin the {@code Origin} header value, or {@code null} when absent
	 * @return {@code true} to accept, {@code false} to answer 403
	 */
	public boolean allows(@Nullable String origin) {
		if (origin == null) {
			return this.allowMissingOrigin;
		}
		if (this.allowedOrigins.isEmpty()) {
			return true;
		}
		// RFC 6454 §6.2: scheme and host are case-insensitive; serialised origins are
		// ASCII
		String normalized = origin.trim().toLowerCase(Locale.ROOT);
		for (String allowed : this.allowedOrigins) {
			if (matches(allowed.trim().toLowerCase(Locale.ROOT), normalized)) {
				return true;
			}
		}
		return false;
	}

	private static boolean matches(String allowed, String origin) {
		if (allowed.equals("*") || allowed.equals(origin)) {
			return true;
		}
		if (allowed.indexOf('*') < 0) {
			return false;
		}
		StringBuilder regex = new StringBuilder();
		for (String part : allowed.split("\\*", -1)) {
			if (regex.length() > 0) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(part));
		}
		return Pattern.matches(regex.toString(), origin);
	}

}
