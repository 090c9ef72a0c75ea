package io.wsboot.benchmarks.servers;

import org.springframework.util.ClassUtils;

/**
 * wsboot through its Spring layer: an {@code @WsEndpoint} echo bean with metrics on. The
 * Spring layer ({@code io.wsboot.annotation.WsEndpoint}) is not merged yet, so this
 * server is reported as unavailable.
 *
 * @author wsboot
 */
public final class WsbootSpringEchoServer implements EchoServer {

	private static final String ANNOTATION = "io.wsboot.annotation.WsEndpoint";

	static boolean isAvailable() {
		return ClassUtils.isPresent(ANNOTATION, WsbootSpringEchoServer.class.getClassLoader());
	}

	@Override
	public int start(int port) {
		throw new UnsupportedOperationException(ANNOTATION + " is not on the class path yet");
	}

	@Override
	public String transport() {
		return "NIO";
	}

	@Override
	public void close() {
	}

}
