package io.wsboot.autoconfigure.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Derives {@link PollingModel#DEFAULT_RESPONSE_HEAD_BYTES} from a real minimal Spring MVC
 * application: a {@code @RestController} answering a small JSON object, its raw response
 * head read over a socket. The {@code Date} field is counted: its IMF-fixdate value (RFC
 * 9110 §5.6.7) always has 29 characters, so the head's size does not depend on the day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wsboot.enabled=false")
class PollingResponseHeadTests {

	/** RFC 9110 §5.6.7: {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
	private static final String IMF_FIXDATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

	@LocalServerPort
	private int port;

	@Test
	void defaultResponseHeadIsThatOfAMinimalSpringMvcJsonResponse() throws IOException {
		String head = pollOnce();
		List<String> lines = List.of(head.split("\r\n"));
		assertThat(lines).startsWith("HTTP/1.1 200 ");
		assertThat(lines).contains("Content-Type: application/json", "Content-Length: 9");
		String date = lines.stream().filter((line) -> line.startsWith("Date: ")).findFirst().orElseThrow();
		assertThat(date.substring("Date: ".length())).matches(IMF_FIXDATE);
		assertThat((date + "\r\n").length()).isEqualTo(37);
		assertThat(head.length()).isEqualTo(PollingModel.DEFAULT_RESPONSE_HEAD_BYTES);
	}

	private String pollOnce() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("GET /poll HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nAccept: application/json\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder head = new StringBuilder();
			while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
				int b = in.read();
				assertThat(b).isNotNegative();
				head.append((char) b);
			}
			return head.toString();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class PollingApplication {

		@GetMapping("/poll")
		Update poll() {
			return new Update(1);
		}

	}

	record Update(int seq) {

	}

}
