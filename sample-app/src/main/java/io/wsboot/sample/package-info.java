/**
 * A sample application of wsboot: an echo endpoint, a chat with rooms and its browser
 * page, and a dashboard of the bytes saved compared with HTTP polling.
 */
@NullMarked
package io.wsboot.sample;

import org.jspecify.annotations.NullMarked;
