package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * The socket itself, for {@code ws://}.
 */
final class PlainSocketIo implements SocketIo {

	private final SocketChannel channel;

	PlainSocketIo(SocketChannel channel) {
		this.channel = channel;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return this.channel.read(dst);
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		// one buffer, no array: the event loop writes from its single direct buffer
		return this.channel.write(src);
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		return this.channel.write(srcs, offset, length);
	}

	@Override
	public boolean hasBufferedInput() {
		return false;
	}

	@Override
	public boolean hasPendingOutput() {
		return false;
	}

	@Override
	public void flushPendingOutput() {
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

	@Override
	public @Nullable String tlsProtocol() {
		return null;
	}

	@Override
	public boolean isOpen() {
		return this.channel.isOpen();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
