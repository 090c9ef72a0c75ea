/**
 * The cost of streams: publish-to-delivery to many subscribers of one stream, with
 * history, against the same fan-out as a group broadcast.
 */
@NullMarked
package io.wsboot.benchmarks.streams;

import org.jspecify.annotations.NullMarked;
