package io.wsboot.benchmarks.load;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One client connection of the load generator: its opening handshake (RFC 6455 §4.1), the
 * frames it has sent, and a streaming parser of the unmasked frames the server sends back
 * (§5.2) that checks every payload byte against the {@link MessagePattern}.
 *
 * @author wsboot
 */
final class ClientConnection {

	/** Longest response head accepted. */
	private static final int MAX_RESPONSE_HEAD_BYTES = 4096;

	private static final int OPCODE_CONTINUATION = 0x0;

	private static final int OPCODE_TEXT = 0x1;

	private static final int OPCODE_BINARY = 0x2;

	private static final int OPCODE_CLOSE = 0x8;

	private static final byte[] STATUS_101 = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ACCEPT_FIELD = "sec-websocket-accept:".getBytes(StandardCharsets.US_ASCII);

	enum Phase {

		/** TCP connect in progress. */
		CONNECTING,

		/** Upgrade request sent, waiting for the 101 response. */
		HANDSHAKE,

		/** Speaking WebSocket. */
		OPEN,

		/** Our close frame was sent. */
		CLOSING,

		/** The socket is closed. */
		CLOSED

	}

	/**
	 * Receives what the connection parses.
	 */
	interface Listener {

		void opened(ClientConnection connection);

		void messageReceived(ClientConnection connection);

		void closeReceived(ClientConnection connection);

		void failed(ClientConnection connection, String reason);

	}

	final SocketChannel channel;

	final long startedNanos;

	@Nullable SelectionKey key;

	Phase phase = Phase.CONNECTING;

	/** Bytes of frames written. */
	long writtenBytes;

	/** Frames that may be written: the messages sent so far plus those allowed next. */
	long targetFrames;

	/** Messages received and verified. */
	long received;

	/**
	 * When each message in flight was allowed to be sent, by sequence modulo its size.
	 */
	long @Nullable [] sendNanos;

	private final Listener listener;

	private final MessagePattern pattern;

	/** The {@code Sec-WebSocket-Accept} value expected, US-ASCII. */
	private final byte[] expectedAccept;

	/**
	 * The response head received so far, allocated only when it spans reads (it usually
	 * arrives in one).
	 */
	private byte @Nullable [] head;

	private int headLength;

	private final byte[] header = new byte[10];

	private int headerHave;

	private int headerNeed = 2;

	private boolean inPayload;

	private boolean inControl;

	private long payloadRemaining;

	private int opcode;

	private boolean fin;

	private boolean inMessage;

	private int messageOffset;

	ClientConnection(SocketChannel channel, Listener listener, MessagePattern pattern, byte[] expectedAccept,
			long startedNanos) {
		this.channel = channel;
		this.listener = listener;
		this.pattern = pattern;
		this.expectedAccept = expectedAccept;
		this.startedNanos = startedNanos;
	}

	/**
	 * Consume bytes read from the socket.
	 * @param bytes the buffer's array
	 * @param from the first byte
	 * @param to the index after the last byte
	 */
	void received(byte[] bytes, int from, int to) {
		int index = from;
		if (this.phase == Phase.HANDSHAKE) {
			index = readHead(bytes, from, to);
			if (index < 0) {
				return;
			}
		}
		while (index < to && this.phase != Phase.CLOSED) {
			if (this.inControl) {
				index = skipControlPayload(index, to);
			}
			else if (this.inPayload) {
				index = readPayload(bytes, index, to);
			}
			else {
				index = readHeader(bytes, index, to);
			}
		}
	}

	private int readHead(byte[] bytes, int from, int to) {
		if (this.head == null) {
			// the whole head in this read, the usual case: check it where it is
			int end = headEnd(bytes, from, to);
			if (end >= 0) {
				return verifyHead(bytes, from, end) ? end : -1;
			}
			this.head = new byte[Math.max(256, to - from)];
		}
		for (int i = from; i < to; i++) {
			byte[] head = this.head;
			if (this.headLength == head.length) {
				if (head.length >= MAX_RESPONSE_HEAD_BYTES) {
					this.listener.failed(this, "handshake response head exceeds " + MAX_RESPONSE_HEAD_BYTES + " bytes");
					return -1;
				}
				this.head = Arrays.copyOf(head, head.length * 2);
			}
			this.head[this.headLength++] = bytes[i];
			if (this.headLength >= 4 && bytes[i] == '\n' && this.head[this.headLength - 2] == '\r'
					&& this.head[this.headLength - 3] == '\n' && this.head[this.headLength - 4] == '\r') {
				return verifyHead(this.head, 0, this.headLength) ? i + 1 : -1;
			}
		}
		return -1;
	}

	/**
	 * Return the index after the CRLF CRLF that ends a head starting at {@code from}, or
	 * -1 when it is not in {@code bytes[from, to)}.
	 */
	private static int headEnd(byte[] bytes, int from, int to) {
		for (int i = from + 3; i < to; i++) {
			if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
				return i + 1;
			}
		}
		return -1;
	}

	/**
	 * Check a complete response head: a 101 status and a {@code Sec-WebSocket-Accept}
	 * field (name in any case) whose value is the expected one (RFC 6455 §4.1, the
	 * client's checks 1 and 4); report a failure or the opening.
	 */
	private boolean verifyHead(byte[] bytes, int from, int to) {
		this.head = null;
		if (!startsWith(bytes, from, to, STATUS_101)) {
			String response = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
			this.listener.failed(this, "handshake answered " + response.lines().findFirst().orElse(""));
			return false;
		}
		boolean accepted = false;
		for (int line = indexAfterCrlf(bytes, from, to); line >= 0
				&& line < to; line = indexAfterCrlf(bytes, line, to)) {
			if (startsWithIgnoreCase(bytes, line, to, ACCEPT_FIELD)) {
				int value = line + ACCEPT_FIELD.length;
				while (value < to && (bytes[value] == ' ' || bytes[value] == '\t')) {
					value++;
				}
				int end = value + this.expectedAccept.length;
				accepted = startsWith(bytes, value, to, this.expectedAccept) && end + 1 < to && bytes[end] == '\r';
				break;
			}
		}
		if (!accepted) {
			this.listener.failed(this, "handshake response without the expected Sec-WebSocket-Accept");
			return false;
		}
		this.phase = Phase.OPEN;
		this.listener.opened(this);
		return true;
	}

	private static int indexAfterCrlf(byte[] bytes, int from, int to) {
		for (int i = from + 1; i < to; i++) {
			if (bytes[i] == '\n' && bytes[i - 1] == '\r') {
				return i + 1;
			}
		}
		return -1;
	}

	private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
		if (to - from < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[from + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean startsWithIgnoreCase(byte[] bytes, int from, int to, byte[] lowerCasePrefix) {
		if (to - from < lowerCasePrefix.length) {
			return false;
		}
		for (int i = 0; i < lowerCasePrefix.length; i++) {
			int c = bytes[from + i];
			if (c >= 'A' && c <= 'Z') {
				c += 'a' - 'A';
			}
			if (c != lowerCasePrefix[i]) {
				return false;
			}
		}
		return true;
	}

	private int readHeader(byte[] bytes, int from, int to) {
		int index = from;
		while (index < to && this.headerHave < this.headerNeed) {
			this.header[this.headerHave++] = bytes[index++];
			if (this.headerHave == 2) {
				if ((this.header[1] & 0x80) != 0) { // 1000_0000
					// RFC 6455 §5.1: a server MUST NOT mask its frames
					this.listener.failed(this, "received a masked frame");
					return to;
				}
				int length = this.header[1] & 0x7F; // 0111_1111
				this.headerNeed = 2 + ((length == 126) ? 2 : (length == 127) ? 8 : 0);
			}
		}
		if (this.headerHave < this.headerNeed) {
			return index;
		}
		int length = this.header[1] & 0x7F; // 0111_1111
		long payloadLength = length;
		if (length >= 126) {
			payloadLength = 0;
			for (int i = 2; i < this.headerNeed; i++) {
				payloadLength = (payloadLength << 8) | (this.header[i] & 0xFF);
			}
		}
		this.fin = (this.header[0] & 0x80) != 0; // 1000_0000
		this.opcode = this.header[0] & 0x0F; // 0000_1111
		this.headerHave = 0;
		this.headerNeed = 2;
		this.payloadRemaining = payloadLength;
		if (this.opcode >= OPCODE_CLOSE) {
			this.inControl = true;
			return skipControlPayload(index, to);
		}
		if (!startDataFrame()) {
			return to;
		}
		this.inPayload = true;
		if (payloadLength == 0) {
			endDataFrame();
		}
		return index;
	}

	private boolean startDataFrame() {
		int expected = this.pattern.text() ? OPCODE_TEXT : OPCODE_BINARY;
		if (this.opcode == OPCODE_CONTINUATION) {
			if (!this.inMessage) {
				this.listener.failed(this, "received a continuation frame outside a message");
				return false;
			}
			return true;
		}
		if (this.opcode != expected || this.inMessage) {
			this.listener.failed(this, "received an unexpected frame with opcode " + this.opcode);
			return false;
		}
		this.inMessage = true;
		this.messageOffset = 0;
		return true;
	}

	private int readPayload(byte[] bytes, int from, int to) {
		int length = (int) Math.min(to - from, this.payloadRemaining);
		if (!this.pattern.matches(this.received, this.messageOffset, bytes, from, length)) {
			this.listener.failed(this,
					"echoed payload of message " + this.received + " differs at or after byte " + this.messageOffset);
			return to;
		}
		this.messageOffset += length;
		this.payloadRemaining -= length;
		if (this.payloadRemaining == 0) {
			endDataFrame();
		}
		return from + length;
	}

	private void endDataFrame() {
		this.inPayload = false;
		if (!this.fin) {
			return;
		}
		this.inMessage = false;
		if (this.messageOffset != this.pattern.payloadBytes()) {
			this.listener.failed(this, "echoed message " + this.received + " has " + this.messageOffset
					+ " bytes instead of " + this.pattern.payloadBytes());
			return;
		}
		this.listener.messageReceived(this);
	}

	private int skipControlPayload(int from, int to) {
		// a ping, pong or close payload is at most 125 bytes: only the close matters
		int skip = (int) Math.min(to - from, this.payloadRemaining);
		this.payloadRemaining -= skip;
		if (this.payloadRemaining == 0) {
			this.inControl = false;
			if (this.opcode == OPCODE_CLOSE) {
				this.listener.closeReceived(this);
			}
		}
		return from + skip;
	}

}
