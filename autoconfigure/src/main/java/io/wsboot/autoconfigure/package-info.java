/**
 * Auto-configuration of the wsboot server: properties, customizers and the lifecycle that
 * starts and stops the engine.
 */
@NullMarked
package io.wsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
