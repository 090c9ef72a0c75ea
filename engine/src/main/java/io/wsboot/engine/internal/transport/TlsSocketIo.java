package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import io.wsboot.engine.TlsConfig;
import org.jspecify.annotations.Nullable;

/**
 * TLS over the non-blocking socket with the JDK's {@link SSLEngine}, for {@code wss://}:
 * the TLS handshake runs inside reads and writes on the event loop, network bytes wait in
 * per-connection buffers sized by the session, and renegotiation is refused.
 */
final class TlsSocketIo implements SocketIo {

	private static final ByteBuffer[] NOTHING = { ByteBuffer.allocate(0) };

	private final SocketChannel channel;

	private final SSLEngine engine;

	private ByteBuffer netIn;

	private ByteBuffer netOut;

	private boolean initialHandshakeDone;

	private boolean outputClosed;

	private boolean recordsBuffered;

	/**
	 * Create the server side of TLS on an accepted socket.
	 * @param channel the socket
	 * @param tls the server's TLS settings
	 * @param peer the client's address, which the engine may use to resume sessions
	 * @return the TLS layer, its handshake begun
	 * @throws IOException when the engine cannot begin the handshake
	 */
	static TlsSocketIo serverSide(SocketChannel channel, TlsConfig tls, InetSocketAddress peer) throws IOException {
		SSLEngine engine = tls.context().get().createSSLEngine(peer.getHostString(), peer.getPort());
		engine.setUseClientMode(false);
		if (!tls.protocols().isEmpty()) {
			engine.setEnabledProtocols(tls.protocols().toArray(String[]::new));
		}
		if (!tls.cipherSuites().isEmpty()) {
			engine.setEnabledCipherSuites(tls.cipherSuites().toArray(String[]::new));
		}
		engine.beginHandshake();
		return new TlsSocketIo(channel, engine);
	}

	private TlsSocketIo(SocketChannel channel, SSLEngine engine) {
		this.channel = channel;
		this.engine = engine;
		SSLSession session = engine.getSession();
		this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
		this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
		this.netOut.flip();
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		this.recordsBuffered = false;
		int produced = 0;
		while (true) {
			HandshakeStatus status = this.engine.getHandshakeStatus();
			if (status == HandshakeStatus.NEED_TASK) {
				runDelegatedTasks();
				continue;
			}
			if (status == HandshakeStatus.NEED_WRAP) {
				wrap(NOTHING, 0, 1);
				if (hasPendingOutput()) {
					// the peer must read our handshake bytes first; OP_WRITE resumes us
					return produced;
				}
				continue;
			}
			if (this.netIn.position() > 0) {
				this.netIn.flip();
				SSLEngineResult result;
				try {
					result = this.engine.unwrap(this.netIn, dst);
				}
				finally {
					this.netIn.compact();
				}
				produced += result.bytesProduced();
				checkHandshakeFinished(result);
				switch (result.getStatus()) {
					case CLOSED:
						// the peer sent close_notify
						return (produced > 0) ? produced : -1;
					case BUFFER_OVERFLOW:
						if (produced > 0 || !dst.hasRemaining()) {
							this.recordsBuffered = true;
							return produced;
						}
						throw new SSLException("TLS record larger than the read buffer");
					case BUFFER_UNDERFLOW:
						growNetInIfFull();
						break;
					case OK:
						if (result.bytesConsumed() > 0 || result.bytesProduced() > 0) {
							continue;
						}
						break;
				}
			}
			if (!dst.hasRemaining()) {
				this.recordsBuffered = this.netIn.position() > 0;
				return produced;
			}
			int count = this.channel.read(this.netIn);
			if (count < 0) {
				return endOfStream(produced);
			}
			if (count == 0) {
				return produced;
			}
		}
	}

	private int endOfStream(int produced) {
		try {
			this.engine.closeInbound();
		}
		catch (SSLException ex) {
			// no close_notify: a truncation, reported below as the end of the stream
		}
		return (produced > 0) ? produced : -1;
	}

	private void growNetInIfFull() {
		int needed = this.engine.getSession().getPacketBufferSize();
		if (this.netIn.remaining() == 0 || this.netIn.capacity() < needed) {
			ByteBuffer larger = ByteBuffer.allocate(Math.max(needed, this.netIn.capacity() * 2));
			this.netIn.flip();
			larger.put(this.netIn);
			this.netIn = larger;
		}
	}

	private void checkHandshakeFinished(SSLEngineResult result) throws SSLException {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			this.initialHandshakeDone = true;
			return;
		}
		if (this.initialHandshakeDone && result.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
				&& !"TLSv1.3".equals(this.engine.getSession().getProtocol())) {
			// TLS 1.2 renegotiation is refused, since several attacks have used it.
			// WebSocket never needs it; TLS 1.3 post-handshake messages still pass.
			throw new SSLException("TLS renegotiation refused");
		}
	}

	private void runDelegatedTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		flushPendingOutput();
		if (hasPendingOutput()) {
			return 0;
		}
		long consumed = 0;
		while (remaining(srcs, offset, length) > 0) {
			long wrapped = wrap(srcs, offset, length);
			consumed += wrapped;
			if (hasPendingOutput() || wrapped == 0) {
				break;
			}
		}
		return consumed;
	}

	/**
	 * Wrap one TLS record into the (empty) network buffer and try to send it.
	 * @return the application bytes consumed
	 */
	private long wrap(ByteBuffer[] srcs, int offset, int length) throws IOException {
		this.netOut.compact();
		SSLEngineResult result;
		try {
			result = this.engine.wrap(srcs, offset, length, this.netOut);
		}
		finally {
			this.netOut.flip();
		}
		if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
			ByteBuffer larger = ByteBuffer
				.allocate(this.engine.getSession().getPacketBufferSize() + this.netOut.remaining());
			larger.put(this.netOut).flip();
			this.netOut = larger;
		}
		else if (result.getStatus() == SSLEngineResult.Status.CLOSED && !this.outputClosed) {
			throw new SSLException("TLS connection closed");
		}
		checkHandshakeFinished(result);
		if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
			runDelegatedTasks();
		}
		flushPendingOutput();
		return result.bytesConsumed();
	}

	private static long remaining(ByteBuffer[] srcs, int offset, int length) {
		long total = 0;
		for (int i = offset; i < offset + length; i++) {
			total += srcs[i].remaining();
		}
		return total;
	}

	@Override
	public boolean hasBufferedInput() {
		return this.recordsBuffered;
	}

	@Override
	public boolean hasPendingOutput() {
		return this.netOut.hasRemaining();
	}

	@Override
	public void flushPendingOutput() throws IOException {
		while (this.netOut.hasRemaining()) {
			if (this.channel.write(this.netOut) == 0) {
				return;
			}
		}
	}

	@Override
	public void shutdownOutput() throws IOException {
		sendCloseNotify();
		if (!hasPendingOutput()) {
			this.channel.shutdownOutput();
		}
	}

	private void sendCloseNotify() throws IOException {
		if (this.outputClosed) {
			return;
		}
		this.outputClosed = true;
		this.engine.closeOutbound();
		while (!this.engine.isOutboundDone() && !hasPendingOutput()) {
			wrap(NOTHING, 0, 1);
		}
	}

	@Override
	public @Nullable String tlsProtocol() {
		return this.initialHandshakeDone ? this.engine.getSession().getProtocol() : null;
	}

	@Override
	public boolean isOpen() {
		return this.channel.isOpen();
	}

	@Override
	public void close() throws IOException {
		try {
			if (this.initialHandshakeDone) {
				// best effort: close_notify goes out if the socket takes it right away
				sendCloseNotify();
			}
		}
		catch (IOException ex) {
			// the socket is closing anyway
		}
		finally {
			this.channel.close();
		}
	}

}
