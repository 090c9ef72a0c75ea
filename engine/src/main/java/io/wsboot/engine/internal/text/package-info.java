/**
 * Incremental UTF-8 validation of text messages (RFC 6455 §8.1, RFC 3629).
 */
@NullMarked
package io.wsboot.engine.internal.text;

import org.jspecify.annotations.NullMarked;
