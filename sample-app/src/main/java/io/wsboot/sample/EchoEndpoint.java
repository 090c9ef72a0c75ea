package io.wsboot.sample;

import java.nio.ByteBuffer;

import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;

/**
 * Sends every text and binary message back, up to 16 MiB; the outbound queue holds two
 * such messages for a client that reads slowly.
 *
 * @author wsboot
 */
@WsEndpoint(path = "/echo", maxFramePayloadSize = "16MB", maxMessageSize = "16MB", maxOutboundQueueSize = "32MB")
class EchoEndpoint {

	@OnMessage
	String text(String text) {
		return text;
	}

	@OnMessage
	ByteBuffer binary(ByteBuffer data) {
		return data;
	}

}
