/**
 * The Spring-free vocabulary of the wsboot WebSocket engine (RFC 6455): server,
 * endpoints, sessions, frames and limits.
 */
@NullMarked
package io.wsboot.engine;

import org.jspecify.annotations.NullMarked;
