/*
 * What the parts of the handshake storm client (storm.c) share: the session loop
 * (session.c), the measurement (measure.c) and the Sec-WebSocket-Accept computation
 * (accept.c). Built by the harness with gcc (io.wsboot.benchmarks.load.NativeStormClient).
 */
#ifndef STORM_H
#define STORM_H

#include <stddef.h>
#include <time.h>

/* Longest wait for the sessions still open when measuring ends: 30 s. */
#define CLOSE_TIMEOUT_NANOS 30000000000LL

/* The length of a Sec-WebSocket-Accept value (Base64 of 20 bytes) and its NUL. */
#define ACCEPT_VALUE_SIZE 29

static inline long long now_nanos(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ---- accept.c: RFC 6455 §4.2.2 ------------------------------------------------------ */

/* Base64 of the SHA-1 of the key followed by the GUID, NUL-terminated. */
void accept_value(const char *key, char out[ACCEPT_VALUE_SIZE]);

/* ---- measure.c: handshakes, latencies and errors -------------------------------------- */

/* Count an error; the first one's text is kept for the result. */
void record_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Count a verified handshake and its latency from started_nanos to now, while measuring. */
void record_handshake(long long started_nanos);

/* Forget the warm-up's handshakes and latencies and count from now on. */
void start_measuring(void);

/* Stop counting handshakes; returns how many were counted. */
long stop_measuring(void);

/* Handshakes counted since measuring started. */
long measured_handshakes(void);

/* Print the result line, and the first error when there was one. */
void print_result(long handshakes, double seconds);

/* ---- session.c: the sessions and their epoll set ----------------------------------- */

/* Prepare the upgrade request and the epoll set; returns 0, or 2 for bad arguments and 1
   when the epoll set cannot be created (with a message on stderr). */
int sessions_init(const char *host, int port, const char *path);

/* Ask for sessions to be started on the next round. */
void sessions_add(long count);

/* Take the number of sessions to start: those asked for and those ended since. */
long sessions_to_start(void);

/* Open one session: connect, send the upgrade request, watch for the response. */
void start_session(void);

/* Wait up to wait_millis for readable sessions and advance them. */
void sessions_poll(int wait_millis);

/* Sessions open. */
long sessions_live(void);

#endif
