/**
 * The echo servers under test, one per WebSocket stack, each echoing text and binary
 * messages on {@code /echo}.
 */
@NullMarked
package io.wsboot.benchmarks.servers;

import org.jspecify.annotations.NullMarked;
