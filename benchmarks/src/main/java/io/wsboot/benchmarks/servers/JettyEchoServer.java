package io.wsboot.benchmarks.servers;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12.1's WebSocket server (the Jetty API, without servlets) on its default
 * {@code QueuedThreadPool} and NIO selectors. A binary message is echoed from the
 * received buffer, which Jetty recycles once the send completes.
 *
 * @author wsboot
 */
public final class JettyEchoServer extends AbstractEchoServer<Server> {

	/** Pending connections the kernel may queue before accept. */
	private static final int ACCEPT_BACKLOG = 4096;

	/** The idle timeout, the same as wsboot's default: 5 minutes. */
	private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

	@Override
	public int start(int port) throws Exception {
		Server server = new Server();
		ServerConnector connector = new ServerConnector(server);
		connector.setHost("127.0.0.1");
		connector.setPort(port);
		connector.setAcceptQueueSize(ACCEPT_BACKLOG);
		connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
		server.addConnector(connector);
		server.setHandler(WebSocketUpgradeHandler.from(server, (container) -> {
			container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
			container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
			container.setMaxFrameSize(MAX_MESSAGE_BYTES);
			container.setIdleTimeout(IDLE_TIMEOUT);
			container.addMapping(PATH, (request, response, callback) -> new EchoListener());
		}));
		server.start();
		stopOnClose(server);
		return connector.getLocalPort();
	}

	@Override
	protected void stop(Server server) throws Exception {
		server.stop();
	}

	/**
	 * Echoes each message; public because Jetty invokes its methods reflectively.
	 */
	public static final class EchoListener implements Session.Listener.AutoDemanding {

		private @Nullable Session session;

		@Override
		public void onWebSocketOpen(Session session) {
			this.session = session;
		}

		@Override
		public void onWebSocketText(String message) {
			Session session = this.session;
			if (session != null) {
				session.sendText(message, Callback.NOOP);
			}
		}

		@Override
		public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
			Session session = this.session;
			if (session != null) {
				session.sendBinary(payload, callback);
			}
			else {
				callback.succeed();
			}
		}

	}

}
