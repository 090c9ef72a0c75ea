package io.wsboot.benchmarks.servers;

/**
 * A WebSocket server that echoes every text and binary message it receives on
 * {@link #PATH}, with no artificial limits.
 *
 * @author wsboot
 */
public interface EchoServer extends AutoCloseable {

	/** The path of the echo endpoint. */
	String PATH = "/echo";

	/** The largest message every server accepts: 16 MiB. */
	int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

	/**
	 * Bind to the loopback address and start serving.
	 * @param port the port, 0 for a free one
	 * @return the bound port
	 * @throws Exception when the server cannot start
	 */
	int start(int port) throws Exception;

	/**
	 * Describe the I/O transport in use, such as {@code "NIO"} or {@code "native epoll"}.
	 * @return the transport
	 */
	String transport();

	/**
	 * Stop the server, closing every connection.
	 */
	@Override
	void close();

}
