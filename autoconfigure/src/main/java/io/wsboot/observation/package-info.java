/**
 * Micrometer observations of wsboot's opening handshakes and handled messages: their
 * contexts, conventions and the server listener and endpoint interceptor that make them.
 */
@NullMarked
package io.wsboot.observation;

import org.jspecify.annotations.NullMarked;
