package io.wsboot.benchmarks.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Runs one echo server in this JVM for the harness: prints
 * {@code LISTENING <port> <transport>} once bound, then serves until its standard input
 * ends (the harness closes it, or dies).
 *
 * @author wsboot
 */
public final class ServerMain {

	/** The line printed once the server listens, followed by the port and transport. */
	public static final String READY_PREFIX = "LISTENING ";

	private ServerMain() {
	}

	/**
	 * Start a server.
	 * @param args the server id ({@link ServerKind#id()}) and optionally the port
	 * @throws Exception when the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: ServerMain <server-id> [port]");
			System.exit(2);
		}
		ServerKind kind = ServerKind.fromId(args[0]);
		int port = (args.length > 1) ? Integer.parseInt(args[1]) : 0;
		try (EchoServer server = kind.create()) {
			int bound = server.start(port);
			System.out.println(READY_PREFIX + bound + " " + server.transport());
			System.out.flush();
			awaitEndOfInput();
		}
		System.exit(0);
	}

	private static void awaitEndOfInput() throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		while (in.readLine() != null) {
			// any line is ignored: only the end of input stops the server
		}
	}

}
