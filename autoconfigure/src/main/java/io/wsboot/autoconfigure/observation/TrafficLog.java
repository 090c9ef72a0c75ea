package io.wsboot.autoconfigure.observation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import io.wsboot.engine.FrameListener;
import io.wsboot.engine.FrameSummary;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.OpCode;
import io.wsboot.engine.PathTemplate;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs handshakes and a summary of every frame (direction, opcode, length, first payload
 * bytes) of the chosen endpoints at DEBUG on the {@value #LOGGER_NAME} logger, with
 * credentials redacted. Only sessions opened while that logger is at DEBUG get a frame
 * listener: the others pay nothing.
 *
 * @author wsboot
 */
final class TrafficLog implements WsServerListener, FrameListener {

	/** The logger's name. */
	static final String LOGGER_NAME = "io.wsboot.traffic";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private final List<PathTemplate> endpoints;

	private final int payloadBytes;

	private final TrafficRedactor redactor;

	TrafficLog(TrafficLogProperties properties) {
		this.endpoints = properties.getEndpoints().stream().map(PathTemplate::parse).toList();
		this.payloadBytes = properties.getPayloadBytes();
		this.redactor = new TrafficRedactor(List.of(properties.getSecretHeaders()),
				List.of(properties.getSecretQueryParameters()), List.of(properties.getSecretSubprotocolPrefixes()));
	}

	@Override
	public void handshakeStarted(HandshakeRequest request) {
		if (logger.isDebugEnabled() && logs(request.path())) {
			logger.debug("Handshake from {}: {} {} {} {}", request.remoteAddress(), request.method(),
					this.redactor.target(request), request.version(), this.redactor.headers(request));
		}
	}

	@Override
	public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
		if (logger.isDebugEnabled() && (request == null || logs(request.path()))) {
			logger.debug("Handshake from {} rejected with {} ({}): {}",
					(request != null) ? request.remoteAddress() : "(unparsed request)", rejection.httpStatus(),
					rejection.reason().tagValue(), rejection.getMessage());
		}
	}

	@Override
	public @Nullable FrameListener frameListener(WsSession session) {
		return (logger.isDebugEnabled() && logsTemplate(session.pathTemplate())) ? this : null;
	}

	@Override
	public void sessionOpened(WsSession session) {
		if (logger.isDebugEnabled() && logsTemplate(session.pathTemplate())) {
			logger.debug("Session {} opened from {} at {} (endpoint {}), subprotocol {}, extensions {}", session.id(),
					session.remoteAddress(), session.path(), session.pathTemplate(), session.subprotocol(),
					session.extensions());
		}
	}

	@Override
	public void frame(WsSession session, FrameSummary frame) {
		if (logger.isDebugEnabled()) {
			logger.debug("Session {} {} {}{} {} bytes{}", session.id(), frame.direction(), frame.opCode(),
					frame.fin() ? "" : " (not fin)", frame.payloadLength(), payload(frame));
		}
	}

	@Override
	public int payloadHeadBytes() {
		return this.payloadBytes;
	}

	private boolean logs(String path) {
		if (this.endpoints.isEmpty()) {
			return true;
		}
		for (PathTemplate template : this.endpoints) {
			if (template.match(path) != null) {
				return true;
			}
		}
		return false;
	}

	private boolean logsTemplate(String pathTemplate) {
		if (this.endpoints.isEmpty()) {
			return true;
		}
		for (PathTemplate template : this.endpoints) {
			if (template.template().equals(pathTemplate)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Show the first payload bytes: as text for a text frame and a close frame's reason,
	 * in hex otherwise.
	 */
	private static String payload(FrameSummary frame) {
		byte[] head = frame.payloadHead();
		if (head.length == 0) {
			return "";
		}
		String more = (head.length < frame.payloadLength()) ? "..." : "";
		if (frame.opCode() == OpCode.TEXT) {
			return ": \"" + text(head, 0) + "\"" + more;
		}
		if (frame.opCode() == OpCode.CLOSE && head.length >= 2) {
			int code = ((head[0] & 0xFF) << 8) | (head[1] & 0xFF);
			return ": " + code + " \"" + text(head, 2) + "\"" + more;
		}
		return ": " + HexFormat.ofDelimiter(" ").formatHex(head) + more;
	}

	/**
	 * Decode text that may end inside a character, showing control characters escaped.
	 */
	private static String text(byte[] bytes, int offset) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		CharBuffer chars = CharBuffer.allocate(bytes.length);
		decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset), chars, true);
		chars.flip();
		StringBuilder text = new StringBuilder(chars.length());
		for (int i = 0; i < chars.length(); i++) {
			char c = chars.charAt(i);
			if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
				text.append(String.format("\\u%04x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		return text.toString();
	}

}
