package io.wsboot.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * The connections an idle scenario opened and now holds.
 *
 * @param opened connections upgraded and held open
 * @param seconds time taken to open them
 * @param errors failed connects and handshakes
 * @param firstError the first error, or {@code null}
 * @author wsboot
 */
public record IdleResult(int opened, double seconds, long errors, @Nullable String firstError) {

}
