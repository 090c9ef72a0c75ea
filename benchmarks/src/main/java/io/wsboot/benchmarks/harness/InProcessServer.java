package io.wsboot.benchmarks.harness;

import io.wsboot.benchmarks.servers.EchoServer;
import io.wsboot.benchmarks.servers.ServerKind;

/**
 * An echo server in the harness's own JVM, for the smoke pass: fast to start, but it
 * shares the CPU and heap with the load generator, so its numbers mean nothing.
 *
 * @author wsboot
 */
final class InProcessServer implements ServerHandle {

	private final EchoServer server;

	private final int port;

	private boolean closed;

	private InProcessServer(EchoServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static InProcessServer start(ServerKind kind) throws Exception {
		EchoServer server = kind.create();
		try {
			return new InProcessServer(server, server.start(0));
		}
		catch (Exception ex) {
			server.close();
			throw ex;
		}
	}

	@Override
	public long pid() {
		return ProcessHandle.current().pid();
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String transport() {
		return this.server.transport();
	}

	@Override
	public boolean isAlive() {
		return !this.closed;
	}

	@Override
	public void close() {
		this.closed = true;
		this.server.close();
	}

}
