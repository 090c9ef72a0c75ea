package io.wsboot.sample;

import java.nio.ByteBuffer;

import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.session.EndpointSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;

/**
 * Sends every text and binary message back, up to 16 MiB; the outbound queue holds two
 * such messages for a client that reads slowly. With {@code sample.echo.log=true} it logs
 * one INFO line per message received, with the trace id of the message's observation (the
 * client's {@code traceparent}, when its upgrade request carried one).
 *
 * @author wsboot
 */
@WsEndpoint(path = "/echo", maxFramePayloadSize = "16MB", maxMessageSize = "16MB", maxOutboundQueueSize = "32MB")
class EchoEndpoint {

	private static final Log logger = LogFactory.getLog(EchoEndpoint.class);

	private final boolean log;

	EchoEndpoint(@Value("${sample.echo.log:false}") boolean log) {
		this.log = log;
	}

	@OnMessage
	String text(String text, EndpointSession session) {
		if (this.log) {
			logger.info("Echoing a text message of " + text.length() + " chars on session " + session.id());
		}
		return text;
	}

	@OnMessage
	ByteBuffer binary(ByteBuffer data, EndpointSession session) {
		if (this.log) {
			logger.info("Echoing a binary message of " + data.remaining() + " bytes on session " + session.id());
		}
		return data;
	}

}
