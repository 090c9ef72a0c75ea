/**
 * Support for testing applications that use wsboot: a WebSocket test client and the bound
 * port.
 */
@NullMarked
package io.wsboot.test;

import org.jspecify.annotations.NullMarked;
