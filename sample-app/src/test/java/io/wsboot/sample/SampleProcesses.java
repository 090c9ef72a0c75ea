package io.wsboot.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * What the tests that start the sample jar as a process share: the JVM to start it with
 * and the ports to give it.
 */
final class SampleProcesses {

	private SampleProcesses() {
	}

	/**
	 * Return the {@code java} launcher of the JVM running the tests.
	 * @return its path
	 */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Ports that were free a moment ago: held open together, so they differ, then
	 * released for the application to bind.
	 * @param count how many
	 * @return the ports
	 */
	static List<Integer> freePorts(int count) throws IOException {
		ServerSocket[] sockets = new ServerSocket[count];
		try {
			Integer[] ports = new Integer[count];
			for (int i = 0; i < count; i++) {
				sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ports[i] = sockets[i].getLocalPort();
			}
			return List.of(ports);
		}
		finally {
			for (ServerSocket socket : sockets) {
				if (socket != null) {
					socket.close();
				}
			}
		}
	}

}
