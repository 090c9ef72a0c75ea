/**
 * Traffic accounting of the wsboot server and its Micrometer meters, including the bytes
 * saved compared with delivering the same messages by HTTP polling.
 */
@NullMarked
package io.wsboot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
