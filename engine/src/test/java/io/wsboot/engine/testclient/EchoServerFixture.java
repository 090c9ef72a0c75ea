package io.wsboot.engine.testclient;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.SlowConsumerPolicy;
import io.wsboot.engine.TlsConfig;
import io.wsboot.engine.WsLimits;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.tls.SelfSignedCertificate;

/**
 * A real {@link WsServer} on 127.0.0.1 and a free port, with an echo endpoint at
 * {@value #ECHO_PATH} whose limits allow 16 MiB messages, plus whatever endpoints a test
 * adds. {@link #close()} closes the clients it opened, then stops the server.
 *
 * @author wsboot
 */
public final class EchoServerFixture implements AutoCloseable {

	/** The path of the echo endpoint. */
	public static final String ECHO_PATH = "/echo";

	/** The largest message the echo endpoint accepts: 16 MiB. */
	public static final int ECHO_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

	/** The limits of the echo endpoint: 16 MiB frames and messages, room to echo them. */
	public static final WsLimits ECHO_LIMITS = WsLimits.DEFAULTS.withMaxFramePayloadBytes(ECHO_MAX_MESSAGE_BYTES)
		.withMaxMessageBytes(ECHO_MAX_MESSAGE_BYTES)
		.withOutboundQueue(4L * ECHO_MAX_MESSAGE_BYTES, SlowConsumerPolicy.CLOSE);

	/** How long a stop waits for close handshakes in tests. */
	public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

	private final WsServer server;

	private final RecordingHandler echo;

	private final SSLContext clientTls;

	private volatile boolean stopped;

	private final List<RawWsClient> clients = new CopyOnWriteArrayList<>();

	private EchoServerFixture(WsServer server, RecordingHandler echo, SSLContext clientTls) {
		this.server = server;
		this.echo = echo;
		this.clientTls = clientTls;
	}

	/**
	 * Start a server with the echo endpoint only.
	 * @return the started fixture
	 * @throws IOException when the server cannot bind
	 */
	public static EchoServerFixture start() throws IOException {
		return start(UnaryOperator.identity());
	}

	/**
	 * Start a server with the echo endpoint and more.
	 * @param config customizes {@link #baseConfig()}
	 * @param endpoints more endpoints
	 * @return the started fixture
	 * @throws IOException when the server cannot bind
	 */
	public static EchoServerFixture start(UnaryOperator<ServerConfig> config, Endpoint... endpoints)
			throws IOException {
		return start(false, config, endpoints);
	}

	/**
	 * Start a server with the echo endpoint and more, over plain TCP or over TLS with
	 * {@link SelfSignedCertificate}; the clients this fixture opens then speak TLS too.
	 * @param secure whether to serve {@code wss://}
	 * @param config customizes {@link #baseConfig()}
	 * @param endpoints more endpoints
	 * @return the started fixture
	 * @throws IOException when the server cannot bind
	 */
	public static EchoServerFixture start(boolean secure, UnaryOperator<ServerConfig> config, Endpoint... endpoints)
			throws IOException {
		SSLContext clientTls = null;
		UnaryOperator<ServerConfig> configure = config;
		if (secure) {
			SSLContext serverTls;
			try {
				SelfSignedCertificate certificate = SelfSignedCertificate.get();
				serverTls = certificate.serverContext();
				clientTls = certificate.clientContext();
			}
			catch (Exception ex) {
				throw new IOException("cannot make the test certificate", ex);
			}
			configure = (base) -> config.apply(base).withTls(TlsConfig.of(serverTls));
		}
		RecordingHandler echo = RecordingHandler.echo();
		List<Endpoint> all = new ArrayList<>();
		all.add(Endpoint.of(ECHO_PATH, echo).withLimits(ECHO_LIMITS));
		all.addAll(List.of(endpoints));
		WsServer server = new WsServer(configure.apply(baseConfig()), all);
		server.start();
		return new EchoServerFixture(server, echo, clientTls);
	}

	/**
	 * Return the configuration every fixture starts from: loopback, port 0, one event
	 * loop, a short shutdown timeout.
	 * @return the configuration
	 */
	public static ServerConfig baseConfig() {
		return ServerConfig.defaults()
			.withBinding(InetAddress.getLoopbackAddress(), 0)
			.withEventLoops(1)
			.withShutdownTimeout(SHUTDOWN_TIMEOUT);
	}

	/**
	 * Stop this server and start another one.
	 * @param config customizes {@link #baseConfig()}
	 * @param endpoints more endpoints
	 * @return the new fixture
	 * @throws IOException when the server cannot bind
	 */
	public EchoServerFixture restart(UnaryOperator<ServerConfig> config, Endpoint... endpoints) throws IOException {
		close();
		return start(this.clientTls != null, config, endpoints);
	}

	/**
	 * Return the bound port.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Return the server.
	 * @return the server
	 */
	public WsServer server() {
		return this.server;
	}

	/**
	 * Whether this server serves {@code wss://}.
	 * @return {@code true} over TLS
	 */
	public boolean isSecure() {
		return this.clientTls != null;
	}

	/**
	 * Return the handler of the echo endpoint.
	 * @return the handler
	 */
	public RecordingHandler echo() {
		return this.echo;
	}

	/**
	 * Open a TCP connection (and the TLS handshake for a secure fixture); no WebSocket
	 * byte is sent.
	 * @return the client
	 * @throws IOException when the connection fails
	 */
	public RawWsClient connect() throws IOException {
		return track(RawWsClient.connect(port(), 0, this.clientTls));
	}

	/**
	 * Open a TCP connection with a small receive buffer; nothing is sent.
	 * @param receiveBufferBytes the receive buffer to ask for
	 * @return the client
	 * @throws IOException when the connection fails
	 */
	public RawWsClient connect(int receiveBufferBytes) throws IOException {
		return track(RawWsClient.connect(port(), receiveBufferBytes, this.clientTls));
	}

	/**
	 * Connect and complete the opening handshake on the echo endpoint.
	 * @return the client, ready for frames
	 * @throws IOException when the connection fails
	 */
	public RawWsClient open() throws IOException {
		return open(ECHO_PATH);
	}

	/**
	 * Connect and complete the opening handshake on an endpoint.
	 * @param target the request target
	 * @return the client, ready for frames
	 * @throws IOException when the connection fails
	 */
	public RawWsClient open(String target) throws IOException {
		RawWsClient client = connect();
		client.upgrade(target);
		return client;
	}

	private RawWsClient track(RawWsClient client) {
		this.clients.add(client);
		return client;
	}

	/**
	 * Stop the server, once.
	 */
	public void stop() {
		if (!this.stopped) {
			this.stopped = true;
			this.server.stop();
		}
	}

	@Override
	public void close() {
		for (RawWsClient client : this.clients) {
			try {
				client.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
		this.clients.clear();
		stop();
	}

}
