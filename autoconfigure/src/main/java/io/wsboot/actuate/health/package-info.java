/**
 * The health indicator of the wsboot server.
 */
@NullMarked
package io.wsboot.actuate.health;

import org.jspecify.annotations.NullMarked;
