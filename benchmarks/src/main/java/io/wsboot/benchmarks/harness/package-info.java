/**
 * Runs every echo server in its own JVM through the same scenarios and writes the
 * results.
 */
@NullMarked
package io.wsboot.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
