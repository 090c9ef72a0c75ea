package io.wsboot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
		// bound directly: a @ConfigurationProperties class here would put a second
		// configuration metadata file on the test class path
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("other.size", "-1")));
		OtherProperties other = new OtherProperties();
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder.bind("other", Bindable.ofInstance(other), new ValidationBindHandler(other)))
			.satisfies((ex) -> {
				assertThat(ex).hasCauseInstanceOf(BindValidationException.class);
				assertThat(new WsPropertiesFailureAnalyzer().analyze(ex)).isNull();
			});
	}

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
