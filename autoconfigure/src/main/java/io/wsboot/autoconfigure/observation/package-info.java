/**
 * Auto-configuration of wsboot's observations (handshakes and handled messages) and of
 * its traffic log.
 */
@NullMarked
package io.wsboot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
