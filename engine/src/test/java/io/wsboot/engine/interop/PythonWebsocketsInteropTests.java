package io.wsboot.engine.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.PerMessageDeflate;
import io.wsboot.engine.testclient.EchoServerFixture;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with the Python {@code websockets} library (Debian's python3-websockets), with
 * permessage-deflate negotiated: text, a large compressible JSON text, 1 MiB of binary, a
 * fragmented message, ping/pong and a close with code and reason.
 */
class PythonWebsocketsInteropTests {

	private static final Path PYTHON = Path.of("/usr/bin/python3");

	@AutoClose
	private EchoServerFixture fixture;

	@BeforeEach
	void start() throws IOException {
		requirePythonWebsockets();
		this.fixture = EchoServerFixture.start((config) -> config.withPerMessageDeflate(PerMessageDeflate.DEFAULTS));
	}

	@Test
	void echoesEverythingWithCompressionAndClosesWithTheClientsCode() throws Exception {
		Path script = Files.createTempFile("wsboot-interop", ".py");
		try (var in = getClass().getResourceAsStream("/interop/python_websockets_client.py")) {
			Files.write(script, in.readAllBytes());
		}
		Process process = new ProcessBuilder(PYTHON.toString(), script.toString(),
				"ws://127.0.0.1:" + this.fixture.port() + "/echo")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output.lines()).containsExactly("extensions permessage-deflate", "text héllo from python",
				"large-text-equal True", "binary-equal True", "fragmented fragmented message", "pong ok",
				"close 4000 done");
		CloseStatus status = this.fixture.echo().awaitClose();
		assertThat(status.code()).isEqualTo(4000);
		assertThat(status.reason()).isEqualTo("done");
	}

	private static void requirePythonWebsockets() {
		boolean available = Files.isExecutable(PYTHON) && probe();
		String message = "requires python3-websockets (Debian package) for /usr/bin/python3";
		if ("true".equals(System.getenv("CI"))) {
			assertThat(available).as(message).isTrue();
		}
		Assumptions.assumeTrue(available, message);
	}

	private static boolean probe() {
		try {
			Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import websockets").start();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
