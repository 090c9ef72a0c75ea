package io.wsboot.engine.testclient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks the test client's reader against a scripted peer, so that the conformance suite
 * can trust what it parses.
 *
 * @author wsboot
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RawWsClientTests {

	private ServerSocket listener;

	private CompletableFuture<Socket> accepted;

	@BeforeEach
	void listen() throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.accepted = CompletableFuture.supplyAsync(() -> {
			try {
				return this.listener.accept();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@AfterEach
	void closeListener() throws Exception {
		this.listener.close();
		if (this.accepted.isDone() && !this.accepted.isCompletedExceptionally()) {
			this.accepted.get().close();
		}
	}

	private OutputStream peer() throws Exception {
		return this.accepted.get(5, TimeUnit.SECONDS).getOutputStream();
	}

	@Test
	void readsResponseHeadAndFrames() throws Exception {
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			OutputStream peer = peer();
			peer.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			peer.write(ClientFrames.hex("81 05 48 65 6c 6c 6f 88 05 03 e8 62 79 65"));
			peer.flush();
			HttpResponseHead head = client.readResponseHead();
			assertThat(head.statusLine()).isEqualTo("HTTP/1.1 101 Switching Protocols");
			assertThat(head.header("sec-websocket-accept")).isEqualTo(RawWsClient.acceptFor(UpgradeRequest.SAMPLE_KEY));
			ServerFrame hello = client.readFrame();
			assertThat(hello.header()).containsExactly(0x81, 0x05);
			assertThat(hello.text()).isEqualTo("Hello");
			ServerFrame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1000);
			assertThat(close.closeReason()).isEqualTo("bye");
			this.accepted.get().close();
			client.assertTcpClosed(Duration.ofSeconds(2));
		}
	}

	@Test
	void rejectsMaskedServerFrame() throws Exception {
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			peer().write(ClientFrames.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::readFrame).withMessageContaining("§5.1");
		}
	}

	@Test
	void tcpCloseTimesOutWhenPeerStaysOpen() throws Exception {
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			peer();
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> client.assertTcpClosed(Duration.ofMillis(100)))
				.withMessageContaining("still open");
		}
	}

}
