/**
 * The non-blocking NIO transport: event loops, connections, write queues and timeouts.
 */
@NullMarked
package io.wsboot.engine.internal.transport;

import org.jspecify.annotations.NullMarked;
