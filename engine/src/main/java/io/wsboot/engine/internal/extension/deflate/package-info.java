/**
 * The permessage-deflate extension (RFC 7692): offer negotiation and per-connection
 * DEFLATE compression of data messages with {@code java.util.zip}.
 */
@NullMarked
package io.wsboot.engine.internal.extension.deflate;

import org.jspecify.annotations.NullMarked;
