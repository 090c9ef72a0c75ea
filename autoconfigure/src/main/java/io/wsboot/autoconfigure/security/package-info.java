/**
 * Auto-configuration of Spring Security on the WebSocket port.
 */
@NullMarked
package io.wsboot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
