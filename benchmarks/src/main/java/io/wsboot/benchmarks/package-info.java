/**
 * Side-by-side benchmarks of wsboot against other WebSocket servers: echo servers, a load
 * generator, the harness that runs them and JMH benchmarks of the engine's hot paths.
 */
@NullMarked
package io.wsboot.benchmarks;

import org.jspecify.annotations.NullMarked;
