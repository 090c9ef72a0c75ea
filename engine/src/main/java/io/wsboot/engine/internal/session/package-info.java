/**
 * Per-connection protocol state (RFC 6455 §5.4-5.5, §7): message assembly and the close
 * handshake.
 */
@NullMarked
package io.wsboot.engine.internal.session;

import org.jspecify.annotations.NullMarked;
