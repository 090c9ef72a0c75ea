package io.wsboot.benchmarks.servers;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.jspecify.annotations.Nullable;

/**
 * TooTallNate's Java-WebSocket 1.6.0 on its own NIO selector and decoder threads (one
 * decoder per core, its default).
 *
 * @author wsboot
 */
public final class JavaWebSocketEchoServer extends AbstractEchoServer<JavaWebSocketEchoServer.Server> {

	/** Longest wait for the server thread to bind: 30 s. */
	private static final long START_TIMEOUT_SECONDS = 30;

	@Override
	public int start(int port) throws Exception {
		Server server = stopOnClose(new Server(new InetSocketAddress("127.0.0.1", port)));
		server.start();
		if (!server.started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Java-WebSocket did not start within " + START_TIMEOUT_SECONDS + " s");
		}
		if (server.failure != null) {
			throw new IllegalStateException("Java-WebSocket failed to start", server.failure);
		}
		return server.getPort();
	}

	@Override
	protected void stop(Server server) throws InterruptedException {
		server.stop(1000);
	}

	static final class Server extends WebSocketServer {

		private final CountDownLatch started = new CountDownLatch(1);

		private volatile @Nullable Exception failure;

		Server(InetSocketAddress address) {
			super(address);
			setReuseAddr(true);
			setTcpNoDelay(true);
		}

		@Override
		public void onOpen(WebSocket connection, ClientHandshake handshake) {
		}

		@Override
		public void onClose(WebSocket connection, int code, String reason, boolean remote) {
		}

		@Override
		public void onMessage(WebSocket connection, String message) {
			connection.send(message);
		}

		@Override
		public void onMessage(WebSocket connection, ByteBuffer message) {
			connection.send(message);
		}

		@Override
		public void onError(@Nullable WebSocket connection, Exception ex) {
			if (connection == null) {
				// the server socket itself failed, such as a bind error
				this.failure = ex;
				this.started.countDown();
			}
		}

		@Override
		public void onStart() {
			this.started.countDown();
		}

	}

}
