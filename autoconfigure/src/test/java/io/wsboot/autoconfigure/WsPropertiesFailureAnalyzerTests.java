package io.wsboot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WsPropertiesFailureAnalyzer} on the failures of real application contexts.
 */
class WsPropertiesFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void namesEveryRejectedPropertyInKebabCaseWithItsValueAsWritten() {
		this.contextRunner
			.withPropertyValues("wsboot.limits.max-message-size=-1KB", "wsboot.compression.level=10",
					"wsboot.executor.threads=0")
			.run((context) -> {
				FailureAnalysis analysis = new WsPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("Failed to bind properties under 'wsboot':")
					.contains("Property: wsboot.limits.max-message-size\n    Value: \"-1KB\"\n    Origin: ")
					.contains("Property: wsboot.compression.level\n    Value: \"10\"")
					.contains("Reason: must be between 1 and 9")
					.contains("Property: wsboot.executor.threads\n    Value: \"0\"")
					.contains("Reason: must be at least 1")
					.doesNotContain("maxMessageSize")
					.doesNotContain("1024");
				assertThat(analysis.getAction()).contains("wsboot.limits.max-message-size")
					.contains("wsboot.compression.level")
					.contains("wsboot.executor.threads");
			});
	}

	@Test
	void leavesOtherPropertiesToSpringBoot() {
		new ApplicationContextRunner().withUserConfiguration(OtherConfiguration.class)
			.withPropertyValues("other.size=-1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new WsPropertiesFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(OtherProperties.class)
	static class OtherConfiguration {

	}

	@ConfigurationProperties("other")
	static class OtherProperties implements Validator {

		private int size;

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

		@Override
		public boolean supports(Class<?> type) {
			return OtherProperties.class.isAssignableFrom(type);
		}

		@Override
		public void validate(Object target, Errors errors) {
			if (((OtherProperties) target).getSize() < 0) {
				errors.rejectValue("size", "negative", "must not be negative");
			}
		}

	}

}
