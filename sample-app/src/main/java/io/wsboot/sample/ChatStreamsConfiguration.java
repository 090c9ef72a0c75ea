package io.wsboot.sample;

import io.wsboot.streams.StreamPublishPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat's streams: the page keeps each room in the stream {@code chat:<room>} on the
 * streams endpoint ({@code wsboot.streams.endpoint-path=/streams}), and its clients may
 * publish to those streams only.
 *
 * @author wsboot
 */
@Configuration(proxyBeanMethods = false)
class ChatStreamsConfiguration {

	@Bean
	StreamPublishPolicy chatPublishPolicy() {
		return StreamPublishPolicy.allowing("chat:*");
	}

}
