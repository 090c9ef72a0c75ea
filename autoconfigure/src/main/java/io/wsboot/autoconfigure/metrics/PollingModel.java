package io.wsboot.autoconfigure.metrics;

import java.util.List;

import io.wsboot.engine.HandshakeRequest;
import org.jspecify.annotations.Nullable;

/**
 * What delivering one message by HTTP polling would have cost in headers: one request
 * head plus one response head. The request head is measured from each connection's own
 * upgrade request (its real cookies, user agent and so on) unless a fixed size is given;
 * the response head is a fixed size.
 *
 * <p>
 * The default response head, {@value #DEFAULT_RESPONSE_HEAD_BYTES} bytes, is that of a
 * minimal Spring MVC {@code @RestController} answering a small JSON object on Tomcat:
 * <pre>
 * HTTP/1.1 200 \r\n                       15
 * Content-Type: application/json\r\n      32
 * Content-Length: 9\r\n                   19
 * Date: Wed, 25 Nov 2026 13:57:26 GMT\r\n 37 (IMF-fixdate: always 29 characters)
 * \r\n                                     2
 * </pre> A longer body adds digits to {@code Content-Length}, so the figure errs on the
 * side of fewer bytes saved.
 *
 * @param requestHeadBytes the size of one polling request head, or {@code null} to
 * measure each connection's upgrade request
 * @param responseHeadBytes the size of one polling response head
 * @param excludeWebSocketHeaders whether a measured request head leaves out the fields
 * that only an upgrade request sends ({@link #WEBSOCKET_ONLY_FIELDS})
 * @author wsboot
 */
public record PollingModel(@Nullable Long requestHeadBytes, long responseHeadBytes, boolean excludeWebSocketHeaders) {

	/**
	 * Size of the head of a minimal Spring MVC JSON response, measured by
	 * {@code PollingResponseHeadTests}.
	 */
	public static final long DEFAULT_RESPONSE_HEAD_BYTES = 105;

	/** The request and response head bytes per message often quoted for HTTP polling. */
	public static final long CLASSIC_OVERHEAD_BYTES = 871;

	/**
	 * Header fields that an upgrade request carries and a polling request would not. The
	 * {@code Connection} field stays: a keep-alive polling request sends one too.
	 */
	public static final List<String> WEBSOCKET_ONLY_FIELDS = List.of("upgrade", "sec-websocket-key",
			"sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol");

	/** Measured request heads without the WebSocket-only fields, the default response. */
	public static final PollingModel MEASURED = new PollingModel(null, DEFAULT_RESPONSE_HEAD_BYTES, true);

	/**
	 * The often quoted {@value #CLASSIC_OVERHEAD_BYTES} bytes per message: the default
	 * response head and a fixed request head that make up the rest.
	 */
	public static final PollingModel CLASSIC_871 = new PollingModel(
			CLASSIC_OVERHEAD_BYTES - DEFAULT_RESPONSE_HEAD_BYTES, DEFAULT_RESPONSE_HEAD_BYTES, true);

	/**
	 * Create a model, checking that the sizes are not negative.
	 * @param requestHeadBytes the fixed request head size, or {@code null} to measure
	 * @param responseHeadBytes the response head size
	 * @param excludeWebSocketHeaders whether to leave WebSocket-only fields out of a
	 * measured request head
	 */
	public PollingModel {
		if (requestHeadBytes != null && requestHeadBytes < 0) {
			throw new IllegalArgumentException("requestHeadBytes must not be negative but was " + requestHeadBytes);
		}
		if (responseHeadBytes < 0) {
			throw new IllegalArgumentException("responseHeadBytes must not be negative but was " + responseHeadBytes);
		}
	}

	/**
	 * Return the header bytes that polling would have spent on each message of a
	 * connection: its request head plus the response head.
	 * @param request the connection's upgrade request
	 * @return bytes per message
	 */
	public long overheadBytes(HandshakeRequest request) {
		return requestHeadBytes(request) + this.responseHeadBytes;
	}

	/**
	 * Return the size of one polling request head of a connection: the fixed size when
	 * set, otherwise its upgrade request head, less the WebSocket-only fields when so
	 * configured.
	 * @param request the connection's upgrade request
	 * @return bytes
	 */
	public long requestHeadBytes(HandshakeRequest request) {
		if (this.requestHeadBytes != null) {
			return this.requestHeadBytes;
		}
		long bytes = request.headBytes();
		if (this.excludeWebSocketHeaders) {
			for (String name : WEBSOCKET_ONLY_FIELDS) {
				for (String value : request.headerValues(name)) {
					// the parser keeps values without the OWS around them: assume the
					// usual "Name: value\r\n" (values are ISO-8859-1, one byte a char)
					bytes -= name.length() + 2 + value.length() + 2;
				}
			}
		}
		return Math.max(bytes, 0);
	}

}
