package io.wsboot.autoconfigure.metrics;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking WebSocket client over a plain socket that writes exactly the bytes it is
 * told to and counts every byte it sends and receives.
 */
public final class RawWebSocketClient implements AutoCloseable {

	/** The masking key of the RFC 6455 §5.7 examples. */
	private static final byte[] MASK = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private long bytesSent;

	private long bytesReceived;

	public RawWebSocketClient(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
		this.socket.setTcpNoDelay(true);
		this.out = this.socket.getOutputStream();
		this.in = this.socket.getInputStream();
	}

	public static String upgradeRequest(String path, String... extraFields) {
		StringBuilder head = new StringBuilder();
		head.append("GET ").append(path).append(" HTTP/1.1\r\n");
		head.append("Host: 127.0.0.1\r\n");
		head.append("Upgrade: websocket\r\n");
		head.append("Connection: Upgrade\r\n");
		head.append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
		head.append("Sec-WebSocket-Version: 13\r\n");
		for (String field : extraFields) {
			head.append(field).append("\r\n");
		}
		return head.append("\r\n").toString();
	}

	public void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		this.bytesSent += bytes.length;
	}

	/**
	 * Read a response head through its blank line.
	 */
	public String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = read();
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Send one masked frame; returns its size on the wire.
	 */
	public int sendFrame(boolean fin, int opCode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write((fin ? 0x80 : 0x00) | opCode);
		if (payload.length <= 125) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (((long) payload.length >>> shift) & 0xFF));
			}
		}
		frame.write(MASK, 0, MASK.length);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ MASK[i % 4]);
		}
		byte[] bytes = frame.toByteArray();
		write(bytes);
		return bytes.length;
	}

	public int sendText(String text) throws IOException {
		return sendFrame(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Read one unmasked server frame.
	 */
	public Frame readFrame() throws IOException {
		int first = read();
		int second = read();
		long length = second & 0x7F;
		int headerBytes = 2;
		if (length == 126) {
			length = (read() << 8) | read();
			headerBytes += 2;
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | read();
			}
			headerBytes += 8;
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) read();
		}
		return new Frame((first & 0x80) != 0, first & 0x0F, payload, headerBytes + payload.length);
	}

	/**
	 * Read until the server closes the connection.
	 * @return the bytes read
	 */
	public int readToEnd() throws IOException {
		int count = 0;
		while (this.in.read() >= 0) {
			this.bytesReceived++;
			count++;
		}
		return count;
	}

	private int read() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException("connection closed by the server");
		}
		this.bytesReceived++;
		return b;
	}

	public long bytesSent() {
		return this.bytesSent;
	}

	public long bytesReceived() {
		return this.bytesReceived;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	public record Frame(boolean fin, int opCode, byte[] payload, int wireBytes) {

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
