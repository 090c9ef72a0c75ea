package io.wsboot.engine.internal.handshake;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.WsHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * An incremental parser of the head of the HTTP/1.1 upgrade request (RFC 6455 §4.1, RFC
 * 9112 §2-§5): feed it bytes as they arrive, it answers {@code null} until the empty line
 * that ends the head, then the {@link HandshakeRequest}.
 *
 * <p>
 * The parser keeps the head received so far, in a buffer that never grows past
 * {@code maxHeadBytes}, so that a connection can keep the {@link #rawHead() raw head} (a
 * few hundred bytes) instead of the parsed request and {@link #parseHead parse it again}
 * when asked. The limit is enforced on every byte, so a client that never sends a line
 * end is answered with 431 as soon as it crosses it. Syntax errors are reported as soon
 * as the line that contains them is complete, or, for a first line that does not look
 * like HTTP at all (such as a TLS ClientHello), on its first invalid byte.
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

	/** Least size of the head buffer once it has to grow; it doubles up to the limit. */
	private static final int MIN_HEAD_BYTES = 256;

	private static final byte[] NO_BYTES = {};

	/** Initial number of header fields kept; it doubles as needed. */
	private static final int INITIAL_FIELDS = 16;

	/** Values so common that the parser shares one string instead of a copy each. */
	private static final String[] COMMON_VALUES = { "websocket", "Upgrade", "upgrade", "13", "no-cache", "GET",
			"HTTP/1.1" };

	private final int maxHeadBytes;

	private byte[] head;

	private int headBytes;

	private int lineStart;

	private boolean lineHasSpace;

	private boolean previousWasCr;

	private State state = State.REQUEST_LINE;

	private String method = "";

	private String target = "";

	private String version = "";

	private String[] names = new String[INITIAL_FIELDS];

	private String[] values = new String[INITIAL_FIELDS];

	private int fieldCount;

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
		// sized on the first bytes received, which usually hold the whole head
		this.head = NO_BYTES;
	}

	/**
	 * Parse a complete request head again, such as one kept from {@link #rawHead()}.
	 * @param rawHead the head, through its final CRLF
	 * @param remoteAddress the client's address, recorded in the request
	 * @return the request
	 * @throws WsHandshakeException when the head is malformed or incomplete
	 */
	public static HandshakeRequest parseHead(byte[] rawHead, InetSocketAddress remoteAddress)
			throws WsHandshakeException {
		HandshakeRequestParser parser = new HandshakeRequestParser(Math.max(rawHead.length, 1));
		HandshakeRequest request = parser.parse(ByteBuffer.wrap(rawHead), remoteAddress);
		if (request == null) {
			throw badRequest("incomplete request head");
		}
		return request;
	}

	/**
	 * Return the path of a complete, valid request head, such as one kept from
	 * {@link #rawHead()}, without parsing its fields.
	 * @param rawHead the head
	 * @return the path part of its request target, not decoded
	 */
	public static String path(byte[] rawHead) {
		int start = 0;
		// RFC 9112 §2.2: empty lines before the request line were accepted
		while (start < rawHead.length && (rawHead[start] == CR || rawHead[start] == LF)) {
			start++;
		}
		while (start < rawHead.length && rawHead[start] != SP) {
			start++;
		}
		int end = ++start;
		while (end < rawHead.length && rawHead[end] != SP && rawHead[end] != '?') {
			end++;
		}
		return new String(rawHead, start, Math.min(end, rawHead.length) - Math.min(start, rawHead.length),
				StandardCharsets.ISO_8859_1);
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
				if (this.headBytes == this.head.length) {
					grow(in.remaining() + 1);
				}
				this.head[this.headBytes++] = b;
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
					// class description)
					throw badRequest("bare LF in request head; lines must end with CRLF");
				}
				else if (this.state == State.REQUEST_LINE && !this.lineHasSpace) {
					checkMethodByte(b);
				}
			}
			return null;
		}
		catch (WsHandshakeException ex) {
			this.state = State.FAILED;
			throw ex;
		}
	}

	/**
	 * Return the request head as received, leading empty lines included, through its
	 * final CRLF; only once {@link #parse} returned a request. The parser is done with
	 * its buffer by then, so when the head filled it exactly (it arrived without frames
	 * behind it) the buffer itself is returned, without a copy.
	 * @return the head
	 * @throws IllegalStateException when no request was parsed
	 */
	public byte[] rawHead() {
		if (this.state != State.COMPLETE) {
			throw new IllegalStateException("no complete request head");
		}
		return (this.headBytes == this.head.length) ? this.head : Arrays.copyOf(this.head, this.headBytes);
	}

	/**
	 * Make room for more of the head: the bytes at hand (usually the rest of the head)
	 * and, once it had to grow, at least double; never past the limit.
	 */
	private void grow(int atHand) {
		// the first bytes usually hold the whole head: an exact fit then needs no copy
		int capacity = (this.head.length == 0) ? atHand
				: Math.max(Math.max(this.head.length * 2, MIN_HEAD_BYTES), this.headBytes + atHand);
		this.head = Arrays.copyOf(this.head, Math.min(capacity, this.maxHeadBytes));
	}

	private void checkMethodByte(byte b) {
		if (b == SP) {
			this.lineHasSpace = true;
		}
		else if (!HttpSyntax.isTokenChar(b & 0xFF)) {
			// RFC 9112 §3.1: the method is a token; fail fast on bytes that are not
			// HTTP at all, such as a TLS ClientHello sent to a plain-text port
			throw badRequest("malformed request line: invalid character " + HttpSyntax.hex(b & 0xFF) + " in method");
		}
	}

	private @Nullable HandshakeRequest endOfLine(InetSocketAddress remoteAddress) {
		int from = this.lineStart;
		int to = this.headBytes - 2;
		this.lineStart = this.headBytes;
		this.lineHasSpace = false;
		if (this.state == State.REQUEST_LINE) {
			// RFC 9112 §2.2: a server SHOULD ignore empty lines received before the
			// request line
			if (to > from) {
				parseRequestLine(from, to);
				this.state = State.HEADERS;
			}
			return null;
		}
		if (to > from) {
			parseFieldLine(from, to);
			return null;
		}
		return toRequest(remoteAddress);
	}

	private void parseRequestLine(int from, int to) {
		// RFC 9112 §3: request-line = method SP request-target SP HTTP-version
		int firstSpace = indexOf(SP, from, to);
		int secondSpace = (firstSpace < 0) ? -1 : indexOf(SP, firstSpace + 1, to);
		if (secondSpace < 0 || indexOf(SP, secondSpace + 1, to) >= 0) {
			throw badRequest("malformed request line: expected method, target and version separated by single spaces");
		}
		if (firstSpace == from) {
			throw badRequest("malformed request line: empty method");
		}
		if (secondSpace == firstSpace + 1) {
			throw badRequest("malformed request line: empty request target");
		}
		this.method = value(from, firstSpace);
		for (int i = firstSpace + 1; i < secondSpace; i++) {
			int c = this.head[i] & 0xFF;
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
		this.version = value(secondSpace + 1, to);
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

	private void parseFieldLine(int from, int to) {
		if (HttpSyntax.isWhitespace(this.head[from])) {
			if (this.fieldCount == 0) {
				// RFC 9112 §2.2: whitespace between the start-line and the first field
				// MUST be rejected or the line ignored
				throw badRequest("whitespace between the request line and the first header field");
			}
			// RFC 9112 §5.2: a server MUST reject obs-fold with 400 or replace it
			throw badRequest("obsolete line folding in header field");
		}
		// RFC 9112 §5: field-line = field-name ":" OWS field-value OWS
		int colon = indexOf((byte) ':', from, to);
		if (colon < 0) {
			throw badRequest("header field line without colon");
		}
		if (colon == from) {
			throw badRequest("empty header field name");
		}
		if (HttpSyntax.isWhitespace(this.head[colon - 1])) {
			// RFC 9112 §5.1: whitespace between a field name and its colon MUST be
			// rejected with 400
			throw badRequest("whitespace between header field name and colon");
		}
		for (int i = from; i < colon; i++) {
			int c = this.head[i] & 0xFF;
			// RFC 9110 §5.1: a field name is a token
			if (!HttpSyntax.isTokenChar(c)) {
				throw badRequest("invalid character " + HttpSyntax.hex(c) + " in header field name");
			}
		}
		String name = HeaderNames.lowerCase(this.head, from, colon);
		int start = colon + 1;
		int end = to;
		while (start < end && HttpSyntax.isWhitespace(this.head[start])) {
			start++;
		}
		while (end > start && HttpSyntax.isWhitespace(this.head[end - 1])) {
			end--;
		}
		for (int i = start; i < end; i++) {
			int c = this.head[i] & 0xFF;
			// RFC 9110 §5.5: field values are VCHAR, obs-text, SP and HTAB; NUL and the
			// other controls MUST be rejected or replaced
			if ((c < 0x20 && c != '\t') || c == 0x7F) {
				throw badRequest("control character " + HttpSyntax.hex(c) + " in value of header field '" + name + "'");
			}
		}
		if (this.fieldCount == this.names.length) {
			this.names = Arrays.copyOf(this.names, this.fieldCount * 2);
			this.values = Arrays.copyOf(this.values, this.fieldCount * 2);
		}
		this.names[this.fieldCount] = name;
		this.values[this.fieldCount] = value(start, end);
		this.fieldCount++;
	}

	private HandshakeRequest toRequest(InetSocketAddress remoteAddress) {
		int question = this.target.indexOf('?');
		String path = (question < 0) ? this.target : this.target.substring(0, question);
		String query = (question < 0) ? "" : this.target.substring(question + 1);
		return new HandshakeRequest(this.method, this.target, path, query, this.version, fields(), this.headBytes,
				remoteAddress);
	}

	/**
	 * Group the fields by name into an immutable map, which the request then keeps as it
	 * is; a name seen once, the usual case, gets a one-element list.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Map<String, List<String>> fields() {
		int count = this.fieldCount;
		Map.Entry<String, List<String>>[] entries = new Map.Entry[count];
		int distinct = 0;
		for (int i = 0; i < count; i++) {
			String name = this.names[i];
			if (name == null) {
				continue;
			}
			int occurrences = 1;
			for (int j = i + 1; j < count; j++) {
				if (name.equals(this.names[j])) {
					occurrences++;
				}
			}
			List<String> values;
			if (occurrences == 1) {
				values = List.of(this.values[i]);
			}
			else {
				String[] all = new String[occurrences];
				all[0] = this.values[i];
				int found = 1;
				for (int j = i + 1; j < count; j++) {
					if (name.equals(this.names[j])) {
						all[found++] = this.values[j];
						this.names[j] = null;
					}
				}
				values = List.of(all);
			}
			entries[distinct++] = Map.entry(name, values);
		}
		return Map.ofEntries((distinct == count) ? entries : Arrays.copyOf(entries, distinct));
	}

	private int indexOf(byte b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.head[i] == b) {
				return i;
			}
		}
		return -1;
	}

	private String value(int from, int to) {
		int length = to - from;
		for (String common : COMMON_VALUES) {
			if (common.length() == length && matches(common, from)) {
				return common;
			}
		}
		return latin1(from, to);
	}

	private boolean matches(String text, int from) {
		for (int i = 0; i < text.length(); i++) {
			if (this.head[from + i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private String latin1(int from, int to) {
		return new String(this.head, from, to - from, StandardCharsets.ISO_8859_1);
	}

	private static WsHandshakeException badRequest(String message) {
		return new WsHandshakeException(400, message);
	}

	private enum State {

		REQUEST_LINE, HEADERS, COMPLETE, FAILED

	}

}
