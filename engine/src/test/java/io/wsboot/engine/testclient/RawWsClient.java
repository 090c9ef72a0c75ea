package io.wsboot.engine.testclient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately dumb WebSocket client over a blocking {@link Socket} to 127.0.0.1: it
 * writes exactly the bytes it is given and reads exactly what the server sent, so that
 * tests can assert the wire format byte for byte, and it counts every byte either way, so
 * that traffic meters can be checked against it. Every read is bounded by a socket
 * timeout and every write by a writer thread with a deadline: a misbehaving server fails
 * a test, it never hangs it.
 *
 * @author wsboot
 */
public final class RawWsClient implements Closeable {

	/** Longest wait for the next byte from the server. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	/** Longest wait for one write to be accepted by the kernel. */
	public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

	/** Default wait for the server to close the TCP connection. */
	public static final Duration TCP_CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/** The GUID appended to the key by RFC 6455 §1.3. */
	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final int MAX_RESPONSE_HEAD_BYTES = 64 * 1024;

	private static final long MAX_READ_PAYLOAD_BYTES = 64L * 1024 * 1024;

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private final Socket socket;

	private final CountingInputStream received;

	private final InputStream in;

	private final OutputStream out;

	private volatile long bytesSent;

	private final ExecutorService writer;

	private volatile boolean reset;

	private RawWsClient(Socket socket) throws IOException {
		this.socket = socket;
		this.received = new CountingInputStream(socket.getInputStream());
		this.in = new BufferedInputStream(this.received, 64 * 1024);
		this.out = socket.getOutputStream();
		this.writer = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "raw-ws-client-writer-" + socket.getLocalPort());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Open a TCP connection to a port on the loopback address.
	 * @param port the server port
	 * @return the connected client; nothing has been sent
	 * @throws IOException when the connection cannot be made
	 */
	public static RawWsClient connect(int port) throws IOException {
		return connect(port, 0);
	}

	/**
	 * Open a TCP connection with a small receive buffer, for slow-consumer tests.
	 * @param port the server port
	 * @param receiveBufferBytes the {@code SO_RCVBUF} to ask for before connecting, 0 for
	 * the default
	 * @return the connected client
	 * @throws IOException when the connection cannot be made
	 */
	public static RawWsClient connect(int port, int receiveBufferBytes) throws IOException {
		return connect(port, receiveBufferBytes, null);
	}

	/**
	 * Open a TLS connection ({@code wss://}) and complete the TLS handshake, so that the
	 * bytes a test sends afterwards are the WebSocket bytes inside TLS records (each
	 * write its own record).
	 * @param port the server port
	 * @param receiveBufferBytes the {@code SO_RCVBUF} to ask for before connecting, 0 for
	 * the default
	 * @param tls the client context that trusts the server, {@code null} for plain TCP
	 * @return the connected client
	 * @throws IOException when the connection or the TLS handshake fails
	 */
	public static RawWsClient connect(int port, int receiveBufferBytes, SSLContext tls) throws IOException {
		Socket socket = new Socket();
		try {
			if (receiveBufferBytes > 0) {
				socket.setReceiveBufferSize(receiveBufferBytes);
			}
			// each write is its own segment, so that "split" tests really split
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
			if (tls == null) {
				return new RawWsClient(socket);
			}
			SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, "localhost", port, true);
			try {
				// bounded by the socket timeout set above
				secure.startHandshake();
				return new RawWsClient(secure);
			}
			catch (IOException ex) {
				secure.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Return the value a server must answer in {@code Sec-WebSocket-Accept} (RFC 6455
	 * §4.2.2 step 5.4).
	 * @param key the {@code Sec-WebSocket-Key} sent
	 * @return base64 of the SHA-1 of the key and the GUID
	 */
	public static String acceptFor(String key) {
		MessageDigest sha1;
		try {
			sha1 = MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-1", ex);
		}
		return Base64.getEncoder().encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
	}

	/**
	 * Return a fresh random {@code Sec-WebSocket-Key}: base64 of 16 random bytes.
	 * @return the key
	 */
	public static String randomKey() {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		return Base64.getEncoder().encodeToString(nonce);
	}

	// ---- handshake

	/**
	 * Send a request head and read the response head.
	 * @param request the request
	 * @return the response head
	 * @throws IOException on I/O errors or when the server closes before a full head
	 */
	public HttpResponseHead handshake(UpgradeRequest request) throws IOException {
		send(request.toBytes());
		return readResponseHead();
	}

	/**
	 * Perform a valid opening handshake with a random key and check the 101 response.
	 * @param target the request target
	 * @return the response head
	 * @throws IOException on I/O errors
	 */
	public HttpResponseHead upgrade(String target) throws IOException {
		return upgrade(UpgradeRequest.get(target));
	}

	/**
	 * Perform an opening handshake with a random key and check the 101 response.
	 * @param request the request; its key is replaced by a random one
	 * @return the response head
	 * @throws IOException on I/O errors
	 */
	public HttpResponseHead upgrade(UpgradeRequest request) throws IOException {
		String key = randomKey();
		HttpResponseHead head = handshake(request.header("Sec-WebSocket-Key", key));
		if (head.status() != 101) {
			throw new AssertionError(
					"expected 101 but got:\n" + head + new String(readBody(head), StandardCharsets.UTF_8));
		}
		String accept = head.header("Sec-WebSocket-Accept");
		if (!acceptFor(key).equals(accept)) {
			throw new AssertionError("Sec-WebSocket-Accept " + accept + " does not match key " + key);
		}
		return head;
	}

	/**
	 * Read an HTTP/1.1 response head through its empty line, requiring CRLF line ends.
	 * @return the head
	 * @throws IOException on I/O errors or when the server closes first
	 */
	public HttpResponseHead readResponseHead() throws IOException {
		ByteArrayOutputStream raw = new ByteArrayOutputStream(256);
		while (!endsWithEmptyLine(raw)) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("server closed the connection after " + raw.size() + " bytes of response head: "
						+ raw.toString(StandardCharsets.ISO_8859_1));
			}
			if (raw.size() >= MAX_RESPONSE_HEAD_BYTES) {
				throw new AssertionError("response head longer than " + MAX_RESPONSE_HEAD_BYTES + " bytes");
			}
			raw.write(b);
		}
		byte[] bytes = raw.toByteArray();
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
		for (String line : lines) {
			if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
				throw new AssertionError("response line not terminated by CRLF: " + text);
			}
		}
		String statusLine = lines[0];
		// RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
		if (!statusLine.matches("HTTP/1\\.1 [1-5]\\d\\d .*")) {
			throw new AssertionError("malformed status line: " + statusLine);
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				throw new AssertionError("malformed header field: " + lines[i]);
			}
			fields.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
		}
		return new HttpResponseHead(statusLine, status, List.copyOf(fields), bytes);
	}

	private static boolean endsWithEmptyLine(ByteArrayOutputStream raw) {
		int size = raw.size();
		if (size < 4) {
			return false;
		}
		byte[] bytes = raw.toByteArray();
		return bytes[size - 4] == '\r' && bytes[size - 3] == '\n' && bytes[size - 2] == '\r' && bytes[size - 1] == '\n';
	}

	/**
	 * Read the body announced by {@code Content-Length}.
	 * @param head the response head
	 * @return the body, empty without Content-Length
	 * @throws IOException on I/O errors
	 */
	public byte[] readBody(HttpResponseHead head) throws IOException {
		return readFully(head.contentLength());
	}

	// ---- writing

	/**
	 * Write bytes as one write call, bounded by {@link #WRITE_TIMEOUT}.
	 * @param bytes the bytes
	 * @return this client
	 * @throws IOException when the write fails, for instance because the server closed
	 */
	public RawWsClient send(byte[] bytes) throws IOException {
		Future<?> write = this.writer.submit(() -> {
			this.out.write(bytes);
			this.out.flush();
			return null;
		});
		try {
			write.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			this.socket.close();
			throw new AssertionError("write of " + bytes.length + " bytes still blocked after " + WRITE_TIMEOUT
					+ ": server stopped reading");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while writing");
		}
		this.bytesSent += bytes.length;
		return this;
	}

	/**
	 * Write bytes in writes of at most {@code chunkBytes} bytes each (TCP_NODELAY is on,
	 * so each write leaves as its own segment).
	 * @param bytes the bytes
	 * @param chunkBytes the largest write, 1 for byte by byte
	 * @return this client
	 * @throws IOException when a write fails
	 */
	public RawWsClient sendInChunks(byte[] bytes, int chunkBytes) throws IOException {
		for (int offset = 0; offset < bytes.length; offset += chunkBytes) {
			int length = Math.min(chunkBytes, bytes.length - offset);
			byte[] chunk = new byte[length];
			System.arraycopy(bytes, offset, chunk, 0, length);
			send(chunk);
		}
		return this;
	}

	/**
	 * Write bytes, ignoring a failure because the server may already have closed.
	 * @param bytes the bytes
	 * @return whether the write succeeded
	 */
	public boolean sendQuietly(byte[] bytes) {
		try {
			send(bytes);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	// ---- reading frames

	/**
	 * Read one frame; fails when the server masked it (RFC 6455 §5.1).
	 * @return the frame
	 * @throws IOException on I/O errors, a read timeout, or TCP close mid-frame
	 */
	public ServerFrame readFrame() throws IOException {
		ByteArrayOutputStream header = new ByteArrayOutputStream(10);
		int b0 = readByte("frame header");
		int b1 = readByte("frame header");
		header.write(b0);
		header.write(b1);
		// RFC 6455 §5.1: a server MUST NOT mask any frames that it sends to the client
		if ((b1 & 0x80) != 0) {
			throw new AssertionError("RFC 6455 §5.1 violated: server sent a masked frame, header starts "
					+ String.format("%02x %02x", b0, b1));
		}
		long length = b1 & 0x7F;
		int extraLengthBytes = (length == 126) ? 2 : (length == 127) ? 8 : 0;
		if (extraLengthBytes > 0) {
			length = 0;
			for (int i = 0; i < extraLengthBytes; i++) {
				int b = readByte("extended payload length");
				header.write(b);
				length = (length << 8) | b;
			}
		}
		if (length < 0 || length > MAX_READ_PAYLOAD_BYTES) {
			throw new AssertionError("server frame declares a payload of " + Long.toUnsignedString(length)
					+ " bytes, more than this client reads; header "
					+ HexFormat.ofDelimiter(" ").formatHex(header.toByteArray()));
		}
		boolean fin = (b0 & 0x80) != 0;
		int opcode = b0 & 0x0F;
		// RFC 6455 §5.2: RSV1-3 MUST be 0 unless an extension was negotiated (this client
		// never offers one)
		if ((b0 & 0x70) != 0) {
			throw new AssertionError(
					"RFC 6455 §5.2 violated: server set reserved bits, first byte " + String.format("%02x", b0));
		}
		// RFC 6455 §5.5: control frames have at most 125 bytes and are never fragmented
		if ((opcode & 0x08) != 0 && (!fin || length > 125)) {
			throw new AssertionError(
					"RFC 6455 §5.5 violated: server sent control frame with FIN=" + fin + " and " + length + " bytes");
		}
		byte[] payload = readFully((int) length);
		return new ServerFrame(header.toByteArray(), fin, b0 & 0x70, opcode, payload);
	}

	/**
	 * Read one frame, waiting at most {@code timeout} for each byte.
	 * @param timeout the read timeout
	 * @return the frame
	 * @throws IOException on I/O errors or timeout
	 */
	public ServerFrame readFrame(Duration timeout) throws IOException {
		return withReadTimeout(timeout, this::readFrame);
	}

	/**
	 * Read the next frame and require it to be a close frame.
	 * @return the close frame
	 * @throws IOException on I/O errors
	 */
	public ServerFrame readClose() throws IOException {
		ServerFrame frame = readFrame();
		if (!frame.isClose()) {
			throw new AssertionError("expected a close frame but got " + frame);
		}
		return frame;
	}

	/**
	 * Read the close frame of a failed connection, check its code, answer it, and wait
	 * for the server to close TCP (RFC 6455 §7.1.7).
	 * @param expectedCode the status code the server must send
	 * @return the close frame, to check the reason
	 * @throws IOException on I/O errors
	 */
	public ServerFrame expectFailure(int expectedCode) throws IOException {
		ServerFrame close = readClose();
		if (close.closeCode() != expectedCode) {
			throw new AssertionError("expected close code " + expectedCode + " but got " + close.closeCode() + " ("
					+ close.closeReason() + ")");
		}
		sendQuietly(ClientFrames.close(expectedCode, ""));
		assertTcpClosed(TCP_CLOSE_TIMEOUT);
		return close;
	}

	/**
	 * Read bytes until the server closes the TCP connection, requiring nothing more
	 * arrives.
	 * @param within how long to wait
	 * @throws IOException on I/O errors other than a reset
	 */
	public void assertTcpClosed(Duration within) throws IOException {
		byte[] rest = readUntilTcpClosed(within);
		if (rest.length > 0) {
			throw new AssertionError("server sent " + rest.length + " more bytes before closing TCP: "
					+ HexFormat.ofDelimiter(" ").formatHex(rest, 0, Math.min(rest.length, 64)));
		}
	}

	/**
	 * Read until the server closes the TCP connection (end of stream or reset).
	 * @param within how long to wait
	 * @return the bytes read before the end
	 * @throws IOException on I/O errors other than a reset
	 */
	public byte[] readUntilTcpClosed(Duration within) throws IOException {
		long deadline = System.nanoTime() + within.toNanos();
		ByteArrayOutputStream rest = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			while (true) {
				long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remainingMillis <= 0) {
					throw new AssertionError("TCP connection still open after " + within);
				}
				this.socket.setSoTimeout((int) remainingMillis);
				int read = this.in.read(buffer);
				if (read < 0) {
					return rest.toByteArray();
				}
				rest.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError(
					"TCP connection still open after " + within + " (" + rest.size() + " bytes received meanwhile)");
		}
		catch (SocketException ex) {
			// a reset also ends the connection, for instance when the server closed with
			// unread bytes in its receive buffer
			this.reset = true;
			return rest.toByteArray();
		}
		catch (SSLException ex) {
			// over TLS a TCP close without close_notify surfaces as an SSLException: the
			// connection has ended all the same
			this.reset = true;
			return rest.toByteArray();
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			}
		}
	}

	/**
	 * Wait for the next byte from the server without consuming it, so that a caller can
	 * poll between whole frames without ever cutting one in half.
	 * @param timeout how long to wait
	 * @return {@code true} when a byte is ready, {@code false} after the timeout
	 * @throws IOException on I/O errors, or when the server closed the connection
	 */
	public boolean awaitData(Duration timeout) throws IOException {
		return withReadTimeout(timeout, () -> {
			try {
				this.in.mark(1);
				if (this.in.read() < 0) {
					throw new EOFException("server closed the TCP connection while this client awaited data");
				}
				this.in.reset();
				return true;
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
		});
	}

	/**
	 * Require that the server sends nothing and keeps the connection open for a while.
	 * @param duration how long to watch
	 * @throws IOException on I/O errors
	 */
	public void assertStaysOpen(Duration duration) throws IOException {
		withReadTimeout(duration, () -> {
			try {
				int b = this.in.read();
				throw new AssertionError((b < 0) ? "server closed the TCP connection within " + duration
						: "server sent unexpected data within " + duration + ", starting with "
								+ String.format("%02x", b));
			}
			catch (SocketTimeoutException ex) {
				// nothing arrived: the connection is quiet and open
				return null;
			}
		});
	}

	/**
	 * Run a read with another socket timeout, then restore {@link #READ_TIMEOUT}.
	 */
	private <T> T withReadTimeout(Duration timeout, IoCall<T> read) throws IOException {
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		try {
			return read.call();
		}
		finally {
			if (!this.socket.isClosed()) {
				this.socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			}
		}
	}

	@FunctionalInterface
	private interface IoCall<T> {

		T call() throws IOException;

	}

	/**
	 * Return how many bytes this client has written, handshake included.
	 * @return the bytes sent
	 */
	public long bytesSent() {
		return this.bytesSent;
	}

	/**
	 * Return how many bytes this client has received from the socket, handshake included;
	 * after {@link #readUntilTcpClosed(Duration)} that is every byte the server sent.
	 * @return the bytes received
	 */
	public long bytesReceived() {
		return this.received.count;
	}

	/**
	 * Whether the end of the connection observed was a reset rather than a FIN.
	 * @return {@code true} after a reset
	 */
	public boolean wasReset() {
		return this.reset;
	}

	/**
	 * Whether this client speaks TLS.
	 * @return {@code true} over {@code wss://}
	 */
	public boolean isSecure() {
		return this.socket instanceof SSLSocket;
	}

	/**
	 * Return the underlying socket, to read its local port.
	 * @return the socket
	 */
	public Socket socket() {
		return this.socket;
	}

	private int readByte(String what) throws IOException {
		int b;
		try {
			b = this.in.read();
		}
		catch (SocketTimeoutException ex) {
			throw new SocketTimeoutException(
					"no " + what + " byte from the server within " + this.socket.getSoTimeout() + " ms");
		}
		if (b < 0) {
			throw new EOFException("server closed the TCP connection while this client expected a " + what);
		}
		return b;
	}

	private byte[] readFully(int length) throws IOException {
		byte[] bytes = new byte[length];
		int offset = 0;
		while (offset < length) {
			int read;
			try {
				read = this.in.read(bytes, offset, length - offset);
			}
			catch (SocketTimeoutException ex) {
				throw new SocketTimeoutException("no payload byte from the server within " + this.socket.getSoTimeout()
						+ " ms after " + offset + " of " + length + " bytes");
			}
			if (read < 0) {
				throw new EOFException(
						"server closed the TCP connection after " + offset + " of " + length + " payload bytes");
			}
			offset += read;
		}
		return bytes;
	}

	@Override
	public void close() throws IOException {
		this.writer.shutdownNow();
		this.socket.close();
	}

	private static final class CountingInputStream extends FilterInputStream {

		private volatile long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			int read = super.read(bytes, offset, length);
			if (read > 0) {
				this.count += read;
			}
			return read;
		}

	}

}
