/**
 * Spring-side interception of the opening handshake: authentication and session
 * attributes before the upgrade.
 */
@NullMarked
package io.wsboot.endpoint.handshake;

import org.jspecify.annotations.NullMarked;
