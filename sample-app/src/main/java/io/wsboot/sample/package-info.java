/**
 * A sample application of wsboot: an echo endpoint and a chat with rooms.
 */
@NullMarked
package io.wsboot.sample;

import org.jspecify.annotations.NullMarked;
