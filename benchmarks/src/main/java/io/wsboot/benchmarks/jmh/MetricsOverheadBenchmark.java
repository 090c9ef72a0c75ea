package io.wsboot.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wsboot.autoconfigure.metrics.PollingModel;
import io.wsboot.autoconfigure.metrics.TrafficRecorder;
import io.wsboot.autoconfigure.metrics.WsMeterBinder;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.ServerConfig;
import io.wsboot.engine.WsHandler;
import io.wsboot.engine.WsServer;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of wsboot's metrics on the hot path: a 64-byte text echo round trip over
 * loopback through the engine, with the metrics listeners ({@link TrafficRecorder} and
 * {@link WsMeterBinder} bound to a registry) and without. Traffic is counted in plain
 * per-connection fields either way; the listeners only act when sessions open and close,
 * so the two scores should not differ beyond noise.
 *
 * @author wsboot
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsOverheadBenchmark extends AbstractBenchmark {

	private static final int PAYLOAD_BYTES = 64;

	@Param({ "off", "on" })
	String metrics;

	private WsServer server;

	private Socket socket;

	private OutputStream out;

	private InputStream in;

	private final byte[] frame = new byte[6 + PAYLOAD_BYTES];

	private final byte[] echo = new byte[2 + PAYLOAD_BYTES];

	@Setup
	public void setUp() throws IOException {
		WsServerListener listener = WsServerListener.NONE;
		if ("on".equals(this.metrics)) {
			TrafficRecorder recorder = new TrafficRecorder(PollingModel.MEASURED);
			WsMeterBinder binder = new WsMeterBinder(recorder);
			binder.bindTo(new SimpleMeterRegistry());
			listener = WsServerListener.composite(List.of(recorder, binder));
		}
		WsHandler echo = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(text);
			}
		};
		ServerConfig config = ServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.listener(listener)
			.build();
		this.server = new WsServer(config, List.of(Endpoint.of("/echo", echo)));
		this.server.start();
		this.socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port());
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout(5000);
		this.out = this.socket.getOutputStream();
		this.in = this.socket.getInputStream();
		this.out.write(("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		readHead();
		// one masked text frame, mask key 0 so the payload stays readable
		this.frame[0] = (byte) 0x81;
		this.frame[1] = (byte) (0x80 | PAYLOAD_BYTES);
		for (int i = 0; i < PAYLOAD_BYTES; i++) {
			this.frame[6 + i] = (byte) ('a' + i % 26);
		}
	}

	private void readHead() throws IOException {
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				throw new IOException("connection closed during the handshake");
			}
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
	}

	@TearDown
	public void tearDown() throws IOException {
		this.socket.close();
		this.server.stop();
	}

	@Benchmark
	public byte[] echoRoundTrip() throws IOException {
		this.out.write(this.frame);
		int read = 0;
		while (read < this.echo.length) {
			int n = this.in.read(this.echo, read, this.echo.length - read);
			if (n < 0) {
				throw new IOException("connection closed");
			}
			read += n;
		}
		return this.echo;
	}

}
