/**
 * Scale-out over Redis pub/sub: a {@code BroadcastFanOut} that reaches the sessions of
 * every node, routing to one session by its cluster id, and cluster-wide presence.
 */
@NullMarked
package io.wsboot.cluster;

import org.jspecify.annotations.NullMarked;
