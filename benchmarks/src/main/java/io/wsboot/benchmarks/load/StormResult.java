package io.wsboot.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * What a handshake storm measured: complete sessions (connect, upgrade, close handshake)
 * opened during the measured period.
 *
 * @param handshakes upgrades answered with 101 during the measured period
 * @param seconds length of the measured period
 * @param handshakesPerSecond upgrades per second
 * @param p50Micros median time from connect to the 101 response
 * @param p99Micros 99th percentile of that time
 * @param errors failed connects and handshakes
 * @param firstError the first error, or {@code null}
 * @author wsboot
 */
public record StormResult(long handshakes, double seconds, double handshakesPerSecond, double p50Micros,
		double p99Micros, long errors, @Nullable String firstError) {

}
