package io.wsboot.engine.extension;

import java.nio.ByteBuffer;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.exception.WsProtocolException;

/**
 * The per-connection part of a negotiated extension (RFC 6455 §9): it claims RSV bits and
 * transforms the payloads of data messages between the frame codec and the handler. The
 * engine calls one codec from one thread at a time.
 *
 * @author wsboot
 */
public interface ExtensionCodec {

	/**
	 * Return the RSV bits this extension claims, as a mask of the first header byte, such
	 * as {@link io.wsboot.engine.Frame#RSV1}.
	 * @return the mask
	 */
	int rsvMask();

	/**
	 * Transform one inbound data frame of a message whose first frame carried this
	 * extension's RSV bits; the frames of one message arrive in order.
	 * @param payload the frame's unmasked payload, valid only during the call
	 * @param fin whether this is the message's final frame
	 * @param sink where to write the transformed bytes; it enforces the message limit
	 * @throws WsProtocolException when the payload is malformed (1007) or too big (1009)
	 */
	void decode(ByteBuffer payload, boolean fin, PayloadSink sink) throws WsProtocolException;

	/**
	 * Transform one outbound data message.
	 * @param type {@link OpCode#TEXT} or {@link OpCode#BINARY}
	 * @param payload the message, its remaining bytes; not to be modified
	 * @return the payload to send and the RSV bits of its first frame
	 */
	EncodedPayload encode(OpCode type, ByteBuffer payload);

	/**
	 * Release native and pooled resources; called once when the connection closes.
	 */
	void release();

}
