package io.wsboot.benchmarks.harness;

/**
 * A running echo server, in its own JVM or in this one.
 *
 * @author wsboot
 */
interface ServerHandle extends AutoCloseable {

	/**
	 * Return the id of the process the server runs in.
	 * @return the pid
	 */
	long pid();

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	int port();

	/**
	 * Return the transport the server uses.
	 * @return such as {@code "NIO"}
	 */
	String transport();

	/**
	 * Whether the server is still running.
	 * @return {@code true} while it runs
	 */
	boolean isAlive();

	@Override
	void close();

}
