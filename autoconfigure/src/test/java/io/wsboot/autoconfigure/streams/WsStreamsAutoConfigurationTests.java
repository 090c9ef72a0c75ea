package io.wsboot.autoconfigure.streams;

import java.time.Duration;

import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.streams.InMemoryStreamHistory;
import io.wsboot.streams.StreamHistory;
import io.wsboot.streams.StreamPublishPolicy;
import io.wsboot.streams.StreamsEndpoint;
import io.wsboot.streams.WsStreams;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WsStreamsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class,
				WsStreamsAutoConfiguration.class))
		.withPropertyValues("wsboot.server.auto-startup=false");

	@Test
	void streamsKeepHistoryInMemoryWithoutTheEndpointByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WsStreams.class)
				.hasSingleBean(StreamPublishPolicy.class)
				.doesNotHaveBean(StreamsEndpoint.class);
			assertThat(context.getBean(StreamHistory.class)).isInstanceOf(InMemoryStreamHistory.class);
		});
	}

	@Test
	void endpointPathTurnsTheEndpointOn() {
		this.contextRunner.withPropertyValues("wsboot.streams.endpoint-path=/streams")
			.run((context) -> assertThat(context).hasSingleBean(StreamsEndpoint.class));
	}

	@Test
	void historyIsBoundedByTheProperties() {
		this.contextRunner.withPropertyValues("wsboot.streams.history-size=3").run((context) -> {
			WsStreams streams = context.getBean(WsStreams.class);
			for (int i = 0; i < 10; i++) {
				streams.publish("s", i);
			}
			assertThat(streams.history().size("s")).isEqualTo(3);
		});
	}

	@Test
	void streamsBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("wsboot.streams.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsStreams.class));
	}

	@Test
	void historyAndPolicyBackOffWhenUserDefinesThem() {
		this.contextRunner.withUserConfiguration(UserConfiguration.class).run((context) -> {
			assertThat(context.getBean(StreamHistory.class)).isSameAs(context.getBean("userHistory"));
			assertThat(context.getBean(StreamPublishPolicy.class)).isSameAs(context.getBean("userPolicy"));
		});
	}

	@Test
	void invalidPropertiesFailStartUp() {
		this.contextRunner.withPropertyValues("wsboot.streams.history-size=0")
			.run((context) -> assertThat(context).hasFailed());
		this.contextRunner.withPropertyValues("wsboot.streams.endpoint-path=streams")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConfiguration {

		@Bean
		StreamHistory userHistory() {
			return new InMemoryStreamHistory(5, Duration.ofSeconds(5));
		}

		@Bean
		StreamPublishPolicy userPolicy() {
			return StreamPublishPolicy.allowing("*");
		}

	}

}
