/**
 * The {@code wsboot} actuator endpoint: the server, its endpoints, traffic totals with
 * the bytes saved compared with HTTP polling, and its live sessions.
 */
@NullMarked
package io.wsboot.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
