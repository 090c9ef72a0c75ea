/*
 * What the storm client measures: handshakes verified while measuring, their latency from
 * the connect call to the verified 101 in a histogram of 1 us buckets, and errors with
 * the text of the first.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "storm.h"

/* Latency histogram: 1 us buckets up to 100 ms, the rest in the last bucket. */
#define LATENCY_BUCKETS 100000

static int measuring;
static long handshakes;
static long errors;
static char first_error[256];
static unsigned int latencies[LATENCY_BUCKETS];
static long latency_count;

void record_error(const char *format, ...)
{
	errors++;
	if (first_error[0] == 0) {
		va_list args;
		va_start(args, format);
		vsnprintf(first_error, sizeof(first_error), format, args);
		va_end(args);
	}
}

void record_handshake(long long started_nanos)
{
	if (!measuring) {
		return;
	}
	handshakes++;
	long long micros = (now_nanos() - started_nanos) / 1000;
	latencies[(micros < LATENCY_BUCKETS) ? micros : LATENCY_BUCKETS - 1]++;
	latency_count++;
}

void start_measuring(void)
{
	handshakes = 0;
	latency_count = 0;
	memset(latencies, 0, sizeof(latencies));
	measuring = 1;
}

long stop_measuring(void)
{
	measuring = 0;
	return handshakes;
}

long measured_handshakes(void)
{
	return handshakes;
}

/* The smallest recorded value with at least percent % of the values at or below it. */
static double percentile_micros(double percent)
{
	if (latency_count == 0) {
		return 0;
	}
	long target = (long) (latency_count * percent / 100.0);
	if (target * 100.0 < latency_count * percent) {
		target++;
	}
	if (target < 1) {
		target = 1;
	}
	long seen = 0;
	for (int i = 0; i < LATENCY_BUCKETS; i++) {
		seen += latencies[i];
		if (seen >= target) {
			return i;
		}
	}
	return LATENCY_BUCKETS - 1;
}

void print_result(long measured, double seconds)
{
	printf("result handshakes=%ld seconds=%.6f p50_us=%.1f p99_us=%.1f errors=%ld\n", measured, seconds,
			percentile_micros(50), percentile_micros(99), errors);
	if (first_error[0] != 0) {
		printf("first-error %s\n", first_error);
	}
	fflush(stdout);
}
