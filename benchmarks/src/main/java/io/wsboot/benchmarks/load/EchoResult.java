package io.wsboot.benchmarks.load;

import org.jspecify.annotations.Nullable;

/**
 * What an echo scenario measured. Throughput counts the messages echoed back, verified,
 * during the measured period; latency is from the moment a message could be sent to the
 * moment its echo was read.
 *
 * @param messages messages echoed during the measured period
 * @param seconds length of the measured period
 * @param messagesPerSecond echoed messages per second
 * @param megabytesPerSecond echoed payload in MB (10^6 bytes) per second, one way
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 * @param p999Micros 99.9th percentile latency
 * @param maxMicros largest latency
 * @param verifiedMessages every message echoed and verified, warm-up included
 * @param errors failed connections, handshakes, payload mismatches and lost messages
 * @param firstError the first error, or {@code null}
 * @author wsboot
 */
public record EchoResult(long messages, double seconds, double messagesPerSecond, double megabytesPerSecond,
		double p50Micros, double p99Micros, double p999Micros, double maxMicros, long verifiedMessages, long errors,
		@Nullable String firstError) {

}
