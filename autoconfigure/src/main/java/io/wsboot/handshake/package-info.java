/**
 * Spring-side interception of the opening handshake: authentication and session
 * attributes before the upgrade.
 */
@NullMarked
package io.wsboot.handshake;

import org.jspecify.annotations.NullMarked;
