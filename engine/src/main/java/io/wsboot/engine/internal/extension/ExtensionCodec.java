package io.wsboot.engine.internal.extension;

import java.nio.ByteBuffer;

import io.wsboot.engine.OpCode;
import io.wsboot.engine.WsProtocolException;

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
	 * as {@link io.wsboot.engine.internal.frame.Frame#RSV1}.
	 * @return the mask
	 */
	int rsvMask();

	/**
	 * Transform one inbound payload chunk of a message whose first frame carried this
	 * extension's RSV bits. Chunks arrive in order; frame boundaries are not visible. See
	 * {@link io.wsboot.engine.internal.session.MessageAssembler} for the full contract.
	 * @param payload the unmasked chunk, valid only during the call
	 * @param fin {@code true} exactly once per message: on the last chunk of its final
	 * frame (an empty chunk when the final frame has no payload)
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
