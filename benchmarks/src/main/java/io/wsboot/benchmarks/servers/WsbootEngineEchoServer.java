package io.wsboot.benchmarks.servers;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsSession;

/**
 * The bare wsboot engine, {@link WsServer} with an echo {@link WsHandler}, one event loop
 * per core (its default) and no connection limits; optionally with a handler that borrows
 * binary messages instead of owning a copy of each.
 *
 * @author wsboot
 */
public final class WsbootEngineEchoServer extends AbstractEchoServer<WsServer> {

	/**
	 * The most connections accepted, in total and from one address: no limit in effect.
	 */
	static final int UNLIMITED_CONNECTIONS = 1_000_000;

	private final boolean borrowBinary;

	/**
	 * Create the server.
	 * @param borrowBinary whether the echo handler borrows binary messages (see
	 * {@link WsHandler#borrowsBinaryMessages()})
	 */
	public WsbootEngineEchoServer(boolean borrowBinary) {
		this.borrowBinary = borrowBinary;
	}

	/**
	 * Return the limits every wsboot echo server uses: the defaults with
	 * {@link #MAX_MESSAGE_BYTES} frames and messages.
	 * @return the limits
	 */
	static WsLimits limits() {
		return WsLimits.builder().maxFramePayloadBytes(MAX_MESSAGE_BYTES).maxMessageBytes(MAX_MESSAGE_BYTES).build();
	}

	@Override
	public int start(int port) throws Exception {
		WsLimits limits = limits();
		ServerConfig config = ServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(port)
			.limits(limits)
			.maxConnections(UNLIMITED_CONNECTIONS)
			.maxConnectionsPerAddress(UNLIMITED_CONNECTIONS)
			.maxPendingHandshakes(UNLIMITED_CONNECTIONS)
			.build();
		WsServer server = new WsServer(config,
				List.of(Endpoint.of(PATH, new EchoHandler(this.borrowBinary)).withLimits(limits)));
		server.start();
		stopOnClose(server);
		return server.port();
	}

	@Override
	public String transport() {
		return this.borrowBinary ? "NIO (binary messages borrowed from the read buffer)" : "NIO";
	}

	@Override
	protected void stop(WsServer server) {
		server.stop();
	}

	/**
	 * Echoes every message; the record's component answers
	 * {@link WsHandler#borrowsBinaryMessages()}.
	 */
	private record EchoHandler(boolean borrowsBinaryMessages) implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			session.sendBinary(data);
		}

	}

}
