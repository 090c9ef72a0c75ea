package io.wsboot.engine.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;

import org.jspecify.annotations.Nullable;

/**
 * The byte stream under a connection: the socket itself, or TLS on top of it. Reads and
 * writes carry application bytes; a TLS layer may hold network bytes of its own.
 */
interface SocketIo extends ByteChannel, GatheringByteChannel {

	/**
	 * Read application bytes.
	 * @param dst where to put them
	 * @return the number read, 0 when none are available now, -1 at end of stream
	 * @throws IOException when the socket or TLS fails
	 */
	@Override
	int read(ByteBuffer dst) throws IOException;

	/**
	 * Whether bytes already taken from the socket wait to be read, so that the loop must
	 * call {@link #read} again without waiting for the selector.
	 * @return {@code true} when input is buffered
	 */
	boolean hasBufferedInput();

	/**
	 * Whether bytes wait to be written to the socket, so that OP_WRITE is needed even
	 * when the connection's queue is empty.
	 * @return {@code true} when output is buffered
	 */
	boolean hasPendingOutput();

	/**
	 * Write bytes that wait in this layer.
	 * @throws IOException when the socket fails
	 */
	void flushPendingOutput() throws IOException;

	/**
	 * Close the sending direction after what was written (TLS sends close_notify first).
	 * @throws IOException when the socket fails
	 */
	void shutdownOutput() throws IOException;

	/**
	 * Return the negotiated TLS protocol.
	 * @return the protocol, such as {@code TLSv1.3}, or {@code null} without TLS
	 */
	@Nullable String tlsProtocol();

	@Override
	default int write(ByteBuffer src) throws IOException {
		return (int) write(new ByteBuffer[] { src }, 0, 1);
	}

	@Override
	default long write(ByteBuffer[] srcs) throws IOException {
		return write(srcs, 0, srcs.length);
	}

}
