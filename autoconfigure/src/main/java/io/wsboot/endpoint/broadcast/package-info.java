/**
 * The fan-out SPI that carries a broadcast to every node's local sessions; local-only by
 * default.
 */
@NullMarked
package io.wsboot.endpoint.broadcast;

import org.jspecify.annotations.NullMarked;
