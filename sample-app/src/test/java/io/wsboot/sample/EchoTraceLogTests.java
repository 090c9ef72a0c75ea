package io.wsboot.sample;

import java.time.Duration;

import io.wsboot.test.LocalWsPort;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code sample.echo.log=true}, {@code /echo} logs one line per message, with the
 * trace id of the {@code traceparent} that the client sent with its upgrade request.
 */
@SpringBootTest(properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1", "sample.echo.log=true" })
@ExtendWith(OutputCaptureExtension.class)
class EchoTraceLogTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@LocalWsPort
	int port;

	@Test
	void aMessageIsLoggedWithTheTraceIdOfTheHandshake(CapturedOutput output) {
		try (WsTestClient client = WsTestClient.builder()
			.header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
			.connect("ws://127.0.0.1:" + this.port + "/echo")) {
			assertThat(client.sendText("traced").awaitText()).isEqualTo("traced");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()
				.lines()
				.filter((line) -> line.contains("Echoing a text message of 6 chars"))
				.toList()).singleElement().asString().contains(TRACE_ID));
	}

}
