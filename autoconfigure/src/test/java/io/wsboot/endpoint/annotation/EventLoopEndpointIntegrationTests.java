package io.wsboot.endpoint.annotation;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every case of {@link AbstractEndpointIntegrationTests} with
 * {@code wsboot.endpoint.dispatch=event-loop}: return values, JSON, errors,
 * {@code @OnError}, {@code @OnClose} ordering and per-session order behave the same when
 * the handler methods run on the event loops.
 */
@SpringBootTest(classes = EndpointFixtures.Config.class, properties = { "wsboot.server.port=0",
		"wsboot.server.address=127.0.0.1", "wsboot.endpoint.dispatch=event-loop" })
class EventLoopEndpointIntegrationTests extends AbstractEndpointIntegrationTests {

	@Override
	String defaultDispatchThreadPrefix() {
		return EVENT_LOOP_THREAD_PREFIX;
	}

}
