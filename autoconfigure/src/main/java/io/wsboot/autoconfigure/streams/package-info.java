/**
 * Auto-configuration of streams: history in memory or in Redis Streams, the
 * {@code WsStreams} bean, the built-in streams endpoint and the streams' meters.
 */
@NullMarked
package io.wsboot.autoconfigure.streams;

import org.jspecify.annotations.NullMarked;
