package io.wsboot.endpoint.annotation;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every case of {@link AbstractOrderingTests} with the default dispatch, the handler
 * executor.
 */
@SpringBootTest(classes = AbstractOrderingTests.Config.class,
		properties = { "wsboot.server.port=0", "wsboot.server.address=127.0.0.1" })
class ExecutorOrderingTests extends AbstractOrderingTests {

}
