/**
 * The exceptions that carry a close status (RFC 6455 §7.4) or an HTTP status (§4.2.1).
 */
@NullMarked
package io.wsboot.engine.exception;

import org.jspecify.annotations.NullMarked;
