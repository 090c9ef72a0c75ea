package io.wsboot.endpoint.annotation;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidEndpointException}: its message, which names the bean and the
 * method, becomes the description, without the stack trace.
 *
 * @author wsboot
 */
class InvalidEndpointFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEndpointException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEndpointException cause) {
		String action = "Correct the @WsEndpoint bean named above. Handler methods are neither private nor static; "
				+ "besides EndpointSession, WsSession, HandshakeRequest and @PathParam, @QueryParam or "
				+ "@HandshakeHeader parameters, an @OnMessage method takes one payload (String, byte[], ByteBuffer "
				+ "or a type decoded from JSON), @OnPong byte[] or ByteBuffer, @OnClose a CloseStatus and @OnError "
				+ "one Throwable; two endpoints must not match the same paths.";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
