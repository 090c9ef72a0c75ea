/**
 * Spring Security on the WebSocket port: credentials read from the upgrade request,
 * authentication with the application's beans, authorization before the 101, the security
 * context around every handler call, and the close of sessions whose token expires.
 */
@NullMarked
package io.wsboot.endpoint.security;

import org.jspecify.annotations.NullMarked;
