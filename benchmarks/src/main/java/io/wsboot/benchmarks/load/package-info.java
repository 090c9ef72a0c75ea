/**
 * A non-blocking WebSocket load generator that verifies every echoed payload.
 */
@NullMarked
package io.wsboot.benchmarks.load;

import org.jspecify.annotations.NullMarked;
