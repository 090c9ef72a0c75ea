/**
 * JSON encoding and decoding of messages for annotated endpoints and broadcasts.
 */
@NullMarked
package io.wsboot.endpoint.codec;

import org.jspecify.annotations.NullMarked;
