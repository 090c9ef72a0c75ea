package io.wsboot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * wsboot's start-up failures as a Spring Boot user sees them: a real
 * {@code SpringApplication} fails, and Boot's failure analysis prints the "APPLICATION
 * FAILED TO START" block with a description and an action, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTests {

	@Test
	void portInUseNamesThePropertyAndWhatToDo(CapturedOutput output) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			failToStart(App.class, "wsboot.server.address=127.0.0.1", "wsboot.server.port=" + port);
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("The wsboot WebSocket server could not listen on 127.0.0.1:" + port + " (wsboot.server.port="
						+ port + "): the port is already in use.")
				.contains("Identify and stop the process that is listening on port " + port
						+ ", or configure wsboot to listen on another port with wsboot.server.port");
			assertNoStackTrace(output);
		}
	}

	@Test
	void invalidEndpointSignatureIsTheDescription(CapturedOutput output) {
		failToStart(BadEndpointApp.class, "wsboot.server.port=0");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:\n\n@WsEndpoint bean '" + BadEndpoint.class.getName() + "' ("
					+ BadEndpoint.class.getName()
					+ "): parameter 1 (int payload) of @OnMessage method BadEndpoint.message(int) cannot be a "
					+ "message payload")
			.contains("Action:\n\nCorrect the @WsEndpoint bean named above.");
		assertNoStackTrace(output);
	}

	@Test
	void unknownSslBundleIsNamed(CapturedOutput output) {
		failToStart(App.class, "wsboot.server.port=0", "wsboot.server.ssl.bundle=missing");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The wsboot WebSocket server could not load the SSL bundle 'missing' named by "
					+ "wsboot.server.ssl.bundle: there is no such bundle; no SSL bundle is configured.")
			.contains("Define the bundle as spring.ssl.bundle.jks.missing.* or spring.ssl.bundle.pem.missing.*");
		assertNoStackTrace(output);
	}

	@Test
	void unreadableKeyStoreIsNamed(CapturedOutput output, @TempDir Path directory) {
		Path keyStore = directory.resolve("absent.p12");
		failToStart(App.class, "wsboot.server.port=0", "wsboot.server.ssl.bundle=web",
				"spring.ssl.bundle.jks.web.keystore.location=file:" + keyStore,
				"spring.ssl.bundle.jks.web.keystore.password=secret", "spring.ssl.bundle.jks.web.keystore.type=PKCS12");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("could not load the SSL bundle 'web' named by wsboot.server.ssl.bundle: ")
			.contains("absent.p12")
			.contains("Define the bundle as spring.ssl.bundle.jks.web.*");
		assertNoStackTrace(output);
	}

	@Test
	void invalidPropertyIsNamedInKebabCaseWithTheValueAsWrittenAndItsOrigin(CapturedOutput output) {
		failToStart(App.class, "wsboot.server.port=0",
				"spring.config.location=classpath:io/wsboot/autoconfigure/negative-message-size.properties");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Failed to bind properties under 'wsboot':")
			.contains("Property: wsboot.limits.max-message-size\n    Value: \"-1KB\"\n    Origin: class path resource "
					+ "[io/wsboot/autoconfigure/negative-message-size.properties] - 2:32\n    Reason: must be positive\n")
			.contains("Update your application's configuration of wsboot.limits.max-message-size")
			.doesNotContain("maxMessageSize")
			.doesNotContain("-1024B");
		assertNoStackTrace(output);
	}

	private static void failToStart(Class<?> application, String... properties) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties(properties)
			.run()
			.close());
	}

	private static void assertNoStackTrace(CapturedOutput output) {
		assertThat(output.getOut() + output.getErr()).doesNotContain("\tat ");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, SslAutoConfiguration.class, WsAutoConfiguration.class })
	static class App {

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ App.class, BadEndpoint.class })
	static class BadEndpointApp {

	}

	@WsEndpoint("/bad")
	static class BadEndpoint {

		@OnMessage
		void message(int payload) {
		}

	}

}
