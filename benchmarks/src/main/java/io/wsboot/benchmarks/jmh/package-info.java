/**
 * JMH benchmarks of the engine's hot paths.
 */
@NullMarked
package io.wsboot.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
