package io.wsboot.engine.handshake;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.exception.WsHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * An incremental parser of the head of the HTTP/1.1 upgrade request (RFC 6455 §4.1, RFC
 * 9112 §2-§5): feed it bytes as they arrive, it answers {@code null} until the empty line
 * that ends the head, then the {@link HandshakeRequest}.
 *
 * <p>
 * The parser keeps only the current line, in a buffer that never grows past
 * {@code maxHeadBytes}; the limit is enforced on every byte, so a client that never sends
 * a line end is answered with 431 as soon as it crosses it. Syntax errors are reported as
 * soon as the line that contains them is complete, or, for a first line that does not
 * look like HTTP at all (such as a TLS ClientHello), on its first invalid byte.
 *
 * <p>
 * Choices where RFC 9112 leaves room:
 * <ul>
 * <li>lines must end with CRLF: a bare LF is rejected with 400 although §2.2 allows a
 * recipient to accept it. Browsers and WebSocket clients always send CRLF, and a single
 * framing rule leaves no room for two parsers to disagree about where the head ends;</li>
 * <li>empty lines before the request line are ignored (§2.2 SHOULD); they count toward
 * the limit and toward {@link HandshakeRequest#headBytes()};</li>
 * <li>obsolete line folding is rejected with 400 (§5.2), as is whitespace between a field
 * name and its colon (§5.1) and before the first field (§2.2);</li>
 * <li>field values are decoded as ISO-8859-1 (RFC 9110 §5.5), so every byte maps to one
 * character and nothing is lost.</li>
 * </ul>
 *
 * <p>
 * An instance parses one request head and is not thread-safe. Once it returned a request
 * or threw, it must not be called again.
 *
 * @author wsboot
 */
public final class HandshakeRequestParser {

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	private static final byte SP = ' ';

	/** Initial size of the line buffer; it doubles up to the head limit. */
	private static final int INITIAL_LINE_BYTES = 256;

	private final int maxHeadBytes;

	private byte[] line;

	private int lineLength;

	private boolean lineHasSpace;

	private boolean previousWasCr;

	private int headBytes;

	private State state = State.REQUEST_LINE;

	private String method = "";

	private String target = "";

	private String version = "";

	private final Map<String, List<String>> headers = new LinkedHashMap<>();

	/**
	 * Create a parser for one request head.
	 * @param maxHeadBytes the largest head accepted, through its final CRLF, such as
	 * {@link io.wsboot.engine.WsLimits#maxHandshakeHeadBytes()}
	 */
	public HandshakeRequestParser(int maxHeadBytes) {
		if (maxHeadBytes <= 0) {
			throw new IllegalArgumentException("maxHeadBytes must be positive but was " + maxHeadBytes);
		}
		this.maxHeadBytes = maxHeadBytes;
		this.line = new byte[Math.min(INITIAL_LINE_BYTES, maxHeadBytes)];
	}

	/**
	 * Consume bytes of the request head.
	 * @param in the bytes received; when a request is returned it is left positioned just
	 * after the head, so that what follows (early frames) stays for the frame decoder;
	 * while more bytes are needed it is consumed entirely; after an exception its
	 * position is just after the offending byte
	 * @param remoteAddress the client's address, recorded in the request
	 * @return the request once its head is complete, {@code null} while more bytes are
	 * needed
	 * @throws WsHandshakeException with 431 when the head exceeds the limit, 400 when it
	 * is malformed
	 * @throws IllegalStateException when called again after a request was returned or an
	 * exception thrown
	 */
	public @Nullable HandshakeRequest parse(ByteBuffer in, InetSocketAddress remoteAddress)
			throws WsHandshakeException {
		if (this.state == State.COMPLETE || this.state == State.FAILED) {
			throw new IllegalStateException(
					"parser already " + ((this.state == State.COMPLETE) ? "completed" : "failed"));
		}
		try {
			while (in.hasRemaining()) {
				byte b = in.get();
				if (this.headBytes == this.maxHeadBytes) {
					// RFC 6585 §5: 431 for header fields too large, checked on every byte
					// so a client cannot hold the connection with an endless line
					throw new WsHandshakeException(431, "request head exceeds " + this.maxHeadBytes + " bytes");
				}
				this.headBytes++;
				if (this.previousWasCr) {
					this.previousWasCr = false;
					if (b != LF) {
						// RFC 9112 §2.2: a bare CR MUST be treated as invalid
						throw badRequest("bare CR in request head");
					}
					HandshakeRequest request = endOfLine(remoteAddress);
					if (request != null) {
						this.state = State.COMPLETE;
						return request;
					}
				}
				else if (b == CR) {
					this.previousWasCr = true;
				}
				else if (b == LF) {
					// RFC 9112 §2.2 allows accepting a bare LF; we require CRLF (see
					// class
					// description)
					throw badRequest("bare LF in request head; lines must end with CRLF");
				}
				else {
					append(b);
				}
			}
			return null;
		}
		catch (WsHandshakeException ex) {
			this.state = State.FAILED;
			throw ex;
		}
	}

	private void append(byte b) {
		if (this.state == State.REQUEST_LINE && !this.lineHasSpace) {
			if (b == SP) {
				this.lineHasSpace = true;
			}
			else if (!HttpSyntax.isTokenChar(b & 0xFF)) {
				// RFC 9112 §3.1: the method is a token; fail fast on bytes that are not
				// HTTP at all, such as a TLS ClientHello sent to a plain-text port
				throw badRequest(
						"malformed request line: invalid character " + HttpSyntax.hex(b & 0xFF) + " in method");
			}
		}
		if (this.lineLength == this.line.length) {
			int capacity = Math.min(Math.max(this.line.length * 2, 1), this.maxHeadBytes);
			byte[] grown = new byte[capacity];
			System.arraycopy(this.line, 0, grown, 0, this.lineLength);
			this.line = grown;
		}
		this.line[this.lineLength++] = b;
	}

	private @Nullable HandshakeRequest endOfLine(InetSocketAddress remoteAddress) {
		int length = this.lineLength;
		this.lineLength = 0;
		this.lineHasSpace = false;
		if (this.state == State.REQUEST_LINE) {
			// RFC 9112 §2.2: a server SHOULD ignore empty lines received before the
			// request line
			if (length > 0) {
				parseRequestLine(length);
				this.state = State.HEADERS;
			}
			return null;
		}
		if (length > 0) {
			parseFieldLine(length);
			return null;
		}
		return toRequest(remoteAddress);
	}

	private void parseRequestLine(int length) {
		// RFC 9112 §3: request-line = method SP request-target SP HTTP-version
		int firstSpace = indexOf(SP, 0, length);
		int secondSpace = (firstSpace < 0) ? -1 : indexOf(SP, firstSpace + 1, length);
		if (secondSpace < 0 || indexOf(SP, secondSpace + 1, length) >= 0) {
			throw badRequest("malformed request line: expected method, target and version separated by single spaces");
		}
		if (firstSpace == 0) {
			throw badRequest("malformed request line: empty method");
		}
		if (secondSpace == firstSpace + 1) {
			throw badRequest("malformed request line: empty request target");
		}
		this.method = latin1(0, firstSpace);
		for (int i = firstSpace + 1; i < secondSpace; i++) {
			int c = this.line[i] & 0xFF;
			// RFC 3986 §2: a URI consists of visible ASCII characters only
			if (c <= 0x20 || c >= 0x7F) {
				throw badRequest(
						"malformed request line: invalid character " + HttpSyntax.hex(c) + " in request target");
			}
		}
		this.target = latin1(firstSpace + 1, secondSpace);
		// RFC 6455 §4.1 and RFC 9112 §3.2.1: the target of the upgrade GET is in
		// origin-form, an absolute path and an optional query
		if (this.target.charAt(0) != '/') {
			throw badRequest(
					"request target must be in origin-form (start with '/') but was " + HttpSyntax.quote(this.target));
		}
		if (this.target.indexOf('#') >= 0) {
			throw badRequest("request target must not contain a fragment");
		}
		this.version = latin1(secondSpace + 1, length);
		// RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT
		if (!isHttpVersion(this.version)) {
			throw badRequest("malformed request line: invalid HTTP version " + HttpSyntax.quote(this.version));
		}
	}

	private static boolean isHttpVersion(String text) {
		return text.length() == 8 && text.startsWith("HTTP/") && isDigit(text.charAt(5)) && text.charAt(6) == '.'
				&& isDigit(text.charAt(7));
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private void parseFieldLine(int length) {
		if (HttpSyntax.isWhitespace(this.line[0])) {
			if (this.headers.isEmpty()) {
				// RFC 9112 §2.2: whitespace between the start-line and the first field
				// MUST be rejected or the line ignored
				throw badRequest("whitespace between the request line and the first header field");
			}
			// RFC 9112 §5.2: a server MUST reject obs-fold with 400 or replace it
			throw badRequest("obsolete line folding in header field");
		}
		// RFC 9112 §5: field-line = field-name ":" OWS field-value OWS
		int colon = indexOf((byte) ':', 0, length);
		if (colon < 0) {
			throw badRequest("header field line without colon");
		}
		if (colon == 0) {
			throw badRequest("empty header field name");
		}
		if (HttpSyntax.isWhitespace(this.line[colon - 1])) {
			// RFC 9112 §5.1: whitespace between a field name and its colon MUST be
			// rejected with 400
			throw badRequest("whitespace between header field name and colon");
		}
		for (int i = 0; i < colon; i++) {
			int c = this.line[i] & 0xFF;
			// RFC 9110 §5.1: a field name is a token
			if (!HttpSyntax.isTokenChar(c)) {
				throw badRequest("invalid character " + HttpSyntax.hex(c) + " in header field name");
			}
		}
		String name = latin1(0, colon).toLowerCase(Locale.ROOT);
		int start = colon + 1;
		int end = length;
		while (start < end && HttpSyntax.isWhitespace(this.line[start])) {
			start++;
		}
		while (end > start && HttpSyntax.isWhitespace(this.line[end - 1])) {
			end--;
		}
		for (int i = start; i < end; i++) {
			int c = this.line[i] & 0xFF;
			// RFC 9110 §5.5: field values are VCHAR, obs-text, SP and HTAB; NUL and the
			// other controls MUST be rejected or replaced
			if ((c < 0x20 && c != '\t') || c == 0x7F) {
				throw badRequest("control character " + HttpSyntax.hex(c) + " in value of header field '" + name + "'");
			}
		}
		this.headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(latin1(start, end));
	}

	private HandshakeRequest toRequest(InetSocketAddress remoteAddress) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		this.headers.forEach((name, values) -> fields.put(name, List.copyOf(values)));
		int question = this.target.indexOf('?');
		String path = (question < 0) ? this.target : this.target.substring(0, question);
		String query = (question < 0) ? "" : this.target.substring(question + 1);
		return new HandshakeRequest(this.method, this.target, path, query, this.version, fields, this.headBytes,
				remoteAddress);
	}

	private int indexOf(byte b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.line[i] == b) {
				return i;
			}
		}
		return -1;
	}

	private String latin1(int from, int to) {
		return new String(this.line, from, to - from, StandardCharsets.ISO_8859_1);
	}

	private static WsHandshakeException badRequest(String message) {
		return new WsHandshakeException(400, message);
	}

	private enum State {

		REQUEST_LINE, HEADERS, COMPLETE, FAILED

	}

}
