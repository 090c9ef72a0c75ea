package io.wsboot.endpoint.annotation;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.wsboot.engine.testclient.ClientFrames;
import io.wsboot.engine.testclient.RawWsClient;
import io.wsboot.engine.testclient.ServerFrame;
import io.wsboot.test.LocalWsPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executor dispatch hands the messages of one read to the handler executor at once: one
 * hand-off, and one thread wake-up, per batch rather than per message. The executor here
 * counts its tasks and runs each at once on the calling thread, so that a hand-off per
 * message would show as one task per message.
 */
@SpringBootTest(classes = BatchedDispatchTests.Config.class,
		properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
class BatchedDispatchTests {

	private static final int MESSAGES = 16;

	@LocalWsPort
	int port;

	@Autowired
	CountingExecutor executor;

	@Test
	void messagesThatArriveTogetherAreHandedOverOnce() throws IOException {
		try (RawWsClient client = RawWsClient.connect(this.port)) {
			assertThat(client.upgrade("/batched").status()).isEqualTo(101);
			byte[][] frames = new byte[MESSAGES][];
			for (int i = 0; i < MESSAGES; i++) {
				frames[i] = ClientFrames.text("m" + Integer.toHexString(i));
			}
			int before = this.executor.tasks.get();
			// one write of 16 small frames: one segment on loopback, read at once
			client.send(ClientFrames.concat(frames));
			for (int i = 0; i < MESSAGES; i++) {
				ServerFrame echo = client.readFrame();
				assertThat(echo.text()).isEqualTo("m" + Integer.toHexString(i));
			}
			assertThat(this.executor.tasks.get() - before).isEqualTo(1);
		}
	}

	/**
	 * Counts its tasks and runs them on the calling thread.
	 */
	static class CountingExecutor implements Executor {

		final AtomicInteger tasks = new AtomicInteger();

		@Override
		public void execute(Runnable command) {
			this.tasks.incrementAndGet();
			command.run();
		}

	}

	@WsEndpoint("/batched")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, io.wsboot.autoconfigure.WsAutoConfiguration.class })
	@Import(EchoEndpoint.class)
	static class Config {

		@Bean
		CountingExecutor wsbootTaskExecutor() {
			return new CountingExecutor();
		}

	}

}
