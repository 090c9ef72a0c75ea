package io.wsboot.engine.internal.handshake;

import java.util.ArrayList;
import java.util.List;

import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.internal.extension.ExtensionOffer;
import io.wsboot.engine.internal.extension.ExtensionParameter;

/**
 * Parses the client's {@code Sec-WebSocket-Extensions} headers into offers (RFC 6455
 * §9.1).
 *
 * <pre>
 * extension-list  = 1#extension
 * extension       = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * Whitespace is allowed around {@code ,}, {@code ;} and {@code =}, empty list elements
 * are ignored (RFC 9110 §5.6.1), several headers are read as one list in the order
 * received, and duplicate offers and parameters are kept so that a negotiator can decline
 * them.
 *
 * @author wsboot
 */
public final class ExtensionHeaderParser {

	private static final String MALFORMED = "malformed Sec-WebSocket-Extensions header: ";

	private ExtensionHeaderParser() {
	}

	/**
	 * Parse every {@code Sec-WebSocket-Extensions} value of a request.
	 * @param headerValues the header values in the order received
	 * @return the offers in the order received, empty when there are none
	 * @throws WsHandshakeException with 400 when a value does not follow the grammar
	 */
	public static List<ExtensionOffer> parse(List<String> headerValues) throws WsHandshakeException {
		List<ExtensionOffer> offers = new ArrayList<>();
		for (String value : headerValues) {
			new Scanner(value).extensions(offers);
		}
		return List.copyOf(offers);
	}

	/**
	 * Reads one header value.
	 */
	private static final class Scanner {

		private final String text;

		private int index;

		Scanner(String text) {
			this.text = text;
		}

		void extensions(List<ExtensionOffer> offers) {
			while (true) {
				skipWhitespace();
				if (atEnd()) {
					return;
				}
				if (peek() == ',') {
					// RFC 9110 §5.6.1.2: empty list elements are ignored
					this.index++;
					continue;
				}
				offers.add(extension());
				skipWhitespace();
				if (atEnd()) {
					return;
				}
				if (peek() != ',') {
					throw malformed("unexpected " + describe(this.index) + " after extension at index " + this.index);
				}
				this.index++;
			}
		}

		private ExtensionOffer extension() {
			String name = token("an extension name");
			List<ExtensionParameter> parameters = new ArrayList<>();
			skipWhitespace();
			while (!atEnd() && peek() == ';') {
				this.index++;
				skipWhitespace();
				parameters.add(parameter());
				skipWhitespace();
			}
			return new ExtensionOffer(name, parameters);
		}

		private ExtensionParameter parameter() {
			String name = token("a parameter name");
			skipWhitespace();
			if (atEnd() || peek() != '=') {
				return new ExtensionParameter(name, null);
			}
			this.index++;
			skipWhitespace();
			if (!atEnd() && peek() == '"') {
				String value = quotedString(name);
				// RFC 6455 §9.1: a quoted value MUST conform to the token ABNF once
				// unquoted
				if (!HttpSyntax.isToken(value)) {
					throw malformed("quoted value of parameter '" + name + "' is not a token");
				}
				return new ExtensionParameter(name, value);
			}
			return new ExtensionParameter(name, token("a value for parameter '" + name + "'"));
		}

		private String token(String expected) {
			int start = this.index;
			while (!atEnd() && HttpSyntax.isTokenChar(peek())) {
				this.index++;
			}
			if (start == this.index) {
				throw malformed("expected " + expected + " at index " + start + " but found " + describe(start));
			}
			return this.text.substring(start, this.index);
		}

		private String quotedString(String parameter) {
			// RFC 9110 §5.6.4: quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
			int start = this.index;
			this.index++;
			StringBuilder value = new StringBuilder();
			while (!atEnd()) {
				char c = this.text.charAt(this.index++);
				if (c == '"') {
					return value.toString();
				}
				if (c == '\\') {
					if (atEnd()) {
						break;
					}
					c = this.text.charAt(this.index++);
				}
				if ((c < 0x20 && c != '\t') || c == 0x7F) {
					throw malformed("invalid character " + HttpSyntax.hex(c) + " in quoted value of parameter '"
							+ parameter + "'");
				}
				value.append(c);
			}
			throw malformed("unterminated quoted value of parameter '" + parameter + "' at index " + start);
		}

		private void skipWhitespace() {
			while (!atEnd() && HttpSyntax.isWhitespace(peek())) {
				this.index++;
			}
		}

		private boolean atEnd() {
			return this.index >= this.text.length();
		}

		private char peek() {
			return this.text.charAt(this.index);
		}

		private String describe(int position) {
			if (position >= this.text.length()) {
				return "end of value";
			}
			char c = this.text.charAt(position);
			return (c > 0x20 && c < 0x7F) ? "'" + c + "'" : HttpSyntax.hex(c);
		}

		private static WsHandshakeException malformed(String problem) {
			return new WsHandshakeException(400, MALFORMED + problem);
		}

	}

}
