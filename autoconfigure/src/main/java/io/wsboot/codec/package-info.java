/**
 * JSON encoding and decoding of messages for annotated endpoints and broadcasts.
 */
@NullMarked
package io.wsboot.codec;

import org.jspecify.annotations.NullMarked;
