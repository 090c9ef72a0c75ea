/**
 * The opening handshake (RFC 6455 §4): parsing and validating the HTTP/1.1 upgrade
 * request and writing the response.
 */
@NullMarked
package io.wsboot.engine.internal.handshake;

import org.jspecify.annotations.NullMarked;
