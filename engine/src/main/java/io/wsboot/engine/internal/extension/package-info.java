/**
 * The extension slot (RFC 6455 §9): negotiation and per-connection payload transforms,
 * such as permessage-deflate.
 */
@NullMarked
package io.wsboot.engine.internal.extension;

import org.jspecify.annotations.NullMarked;
