package io.wsboot.engine.internal.extension;

/**
 * An accepted extension: the element to put in the response's
 * {@code Sec-WebSocket-Extensions} header and the per-connection codec.
 *
 * @param responseElement the extension with exactly the parameters in force, such as
 * {@code permessage-deflate; server_no_context_takeover}
 * @param codec the per-connection state that transforms payloads
 * @author wsboot
 */
public record NegotiatedExtension(String responseElement, ExtensionCodec codec) {

}
