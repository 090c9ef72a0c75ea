package io.wsboot.engine.internal.extension.deflate;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.ExtensionParameter;

/**
 * Turns a {@code Sec-WebSocket-Extensions} value into offers the way the handshake parser
 * does (RFC 6455 §9.1), unquoting values; enough for tests, which avoid commas and
 * semicolons inside quotes.
 */
final class Offers {

	private Offers() {
	}

	static List<ExtensionOffer> parse(String header) {
		List<ExtensionOffer> offers = new ArrayList<>();
		for (String element : header.split(",")) {
			String[] parts = element.split(";");
			List<ExtensionParameter> parameters = new ArrayList<>();
			for (int i = 1; i < parts.length; i++) {
				String part = parts[i].trim();
				int equals = part.indexOf('=');
				if (equals < 0) {
					parameters.add(new ExtensionParameter(part, null));
				}
				else {
					parameters.add(new ExtensionParameter(part.substring(0, equals).trim(),
							unquote(part.substring(equals + 1).trim())));
				}
			}
			offers.add(new ExtensionOffer(parts[0].trim(), parameters));
		}
		return offers;
	}

	private static String unquote(String value) {
		if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
			return value;
		}
		StringBuilder unquoted = new StringBuilder();
		for (int i = 1; i < value.length() - 1; i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() - 1) {
				c = value.charAt(++i);
			}
			unquoted.append(c);
		}
		return unquoted.toString();
	}

}
