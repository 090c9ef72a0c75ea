package io.wsboot.endpoint.annotation;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every case of {@link AbstractOrderingTests} with
 * {@code wsboot.endpoint.dispatch=event-loop}.
 */
@SpringBootTest(classes = AbstractOrderingTests.Config.class, properties = { "wsboot.server.port=0",
		"wsboot.server.address=127.0.0.1", "wsboot.endpoint.dispatch=event-loop" })
class EventLoopOrderingTests extends AbstractOrderingTests {

}
