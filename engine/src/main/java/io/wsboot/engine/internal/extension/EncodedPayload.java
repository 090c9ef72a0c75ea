package io.wsboot.engine.internal.extension;

import java.nio.ByteBuffer;

/**
 * An outbound message payload after an extension transformed it.
 *
 * @param payload the bytes to send
 * @param rsv the RSV bits to set on the message's first frame
 * @author wsboot
 */
public record EncodedPayload(ByteBuffer payload, int rsv) {

}
