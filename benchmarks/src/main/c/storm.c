/*
 * The handshake storm client of the wsboot benchmarks: the same sessions as the Java
 * LoadGenerator's storm (io.wsboot.benchmarks.load.LoadGenerator#storm), in C, so that the
 * load generator spends no CPU beyond the kernel's own work per session (which, on
 * loopback, is about as much as the server's). What one session does is in session.c,
 * what is measured in measure.c, the Sec-WebSocket-Accept value in accept.c; this file
 * runs the phases: warm-up, measurement, close.
 *
 * One thread, one epoll set, CONCURRENCY sessions in flight at once, bounded in time:
 *
 *   storm HOST PORT PATH CONCURRENCY WARMUP_MS MEASURE_MS MAX_HANDSHAKES
 *
 * Output, one line each, flushed at once so that the harness samples the server's CPU
 * time over the measured period:
 *
 *   started
 *   ended
 *   result handshakes=N seconds=S p50_us=X p99_us=Y errors=E
 *   first-error TEXT                     (only when there was an error)
 *
 * Built by the harness with gcc (io.wsboot.benchmarks.load.NativeStormClient).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "storm.h"

/* Grace past warm-up, measurement and close timeout before the watchdog ends the process. */
#define WATCHDOG_GRACE_SECONDS 5

/* Longest wait of one epoll_wait call: 10 ms. */
#define MAX_WAIT_MILLIS 10

static int storming = 1;
static long max_handshakes;

/* Run the sessions until the deadline passes, or until done() holds. */
static void pump(long long deadline, int (*done)(void))
{
	while (!done()) {
		long long remaining = deadline - now_nanos();
		if (remaining <= 0) {
			return;
		}
		int wait = (int) (remaining / 1000000);
		wait = (wait < 1) ? 1 : (wait > MAX_WAIT_MILLIS) ? MAX_WAIT_MILLIS : wait;
		/* as many new sessions as ended, each started once per batch of events, so that
		   a server that refuses connections costs one attempt per session and wait */
		long starting = sessions_to_start();
		if (!storming) {
			starting = 0;
		}
		for (long k = 0; k < starting; k++) {
			start_session();
		}
		sessions_poll(wait);
	}
}

/*
 * Ends the process if a blocking connect hangs (only possible while the server's accept
 * queue is full and the kernel retries the SYN), so that the client always stops by
 * itself; armed once with alarm(), so it costs no system call per session.
 */
static void watchdog(int signal)
{
	(void) signal;
	static const char message[] = "first-error the storm client passed its deadline (a connect hung)\n";
	ssize_t ignored = write(STDOUT_FILENO, message, sizeof(message) - 1);
	(void) ignored;
	_exit(3);
}

static int never(void)
{
	return 0;
}

static int enough(void)
{
	return measured_handshakes() >= max_handshakes;
}

static int all_closed(void)
{
	return sessions_live() == 0;
}

int main(int argc, char **argv)
{
	if (argc != 8) {
		fprintf(stderr, "usage: storm HOST PORT PATH CONCURRENCY WARMUP_MS MEASURE_MS MAX_HANDSHAKES\n");
		return 2;
	}
	const char *host = argv[1];
	int port = atoi(argv[2]);
	const char *path = argv[3];
	int concurrency = atoi(argv[4]);
	long long warmup_nanos = atoll(argv[5]) * 1000000LL;
	long long measure_nanos = atoll(argv[6]) * 1000000LL;
	max_handshakes = atol(argv[7]);
	if (concurrency < 1 || port < 1) {
		fprintf(stderr, "storm: bad arguments\n");
		return 2;
	}
	int failure = sessions_init(host, port, path);
	if (failure != 0) {
		return failure;
	}
	signal(SIGALRM, watchdog);
	alarm((unsigned int) ((warmup_nanos + measure_nanos + CLOSE_TIMEOUT_NANOS) / 1000000000LL)
			+ WATCHDOG_GRACE_SECONDS);
	sessions_add(concurrency);
	pump(now_nanos() + warmup_nanos, never);
	start_measuring();
	printf("started\n");
	fflush(stdout);
	long long measure_start = now_nanos();
	pump(measure_start + measure_nanos, enough);
	long long measure_end = now_nanos();
	long measured = stop_measuring();
	storming = 0;
	printf("ended\n");
	fflush(stdout);
	pump(measure_end + CLOSE_TIMEOUT_NANOS, all_closed);
	print_result(measured, (measure_end - measure_start) / 1e9);
	return 0;
}
