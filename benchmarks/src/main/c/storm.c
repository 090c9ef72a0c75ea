/*
 * The handshake storm client of the wsboot benchmarks: the same sessions as the Java
 * LoadGenerator's storm (io.wsboot.benchmarks.load.LoadGenerator#storm), in C, so that the
 * load generator spends no CPU beyond the kernel's own work per session (which, on
 * loopback, is about as much as the server's).
 *
 * Each session: a blocking connect to the server (on loopback the kernel completes the TCP
 * handshake inside the call), the same upgrade request as the Java client (same fields,
 * same order, same Sec-WebSocket-Key), a check of the response head (status line starting
 * "HTTP/1.1 101", a Sec-WebSocket-Accept field, name in any case, carrying exactly the
 * value RFC 6455 §4.2.2 derives from the key), then a masked close frame (status 1000,
 * masking key 01 02 03 04), a wait for the server's close frame, and a reset (SO_LINGER 0,
 * so that no TIME_WAIT sockets pile up). A handshake counts once its 101 is verified;
 * latency runs from the connect call to that moment.
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
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Longest response head accepted, as the Java client. */
#define MAX_RESPONSE_HEAD_BYTES 4096

/* Longest wait for the sessions still open when measuring ends: 30 s. */
#define CLOSE_TIMEOUT_NANOS 30000000000LL

/* Grace past warm-up, measurement and close timeout before the watchdog ends the process. */
#define WATCHDOG_GRACE_SECONDS 5

/* Longest wait of one epoll_wait call: 10 ms. */
#define MAX_WAIT_MILLIS 10

/* Events taken per epoll_wait call. */
#define MAX_EVENTS 256

/* Latency histogram: 1 us buckets up to 100 ms, the rest in the last bucket. */
#define LATENCY_BUCKETS 100000

#define WEBSOCKET_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

/* The key of the Java client: Base64 of "wsboot-benchmark". */
#define WEBSOCKET_KEY "d3Nib290LWJlbmNobWFyaw=="

enum phase { HANDSHAKE, CLOSING };

struct session {
	int fd;
	enum phase phase;
	long long started_nanos;
	/* the response head so far, or the frame header bytes while closing */
	unsigned char head[MAX_RESPONSE_HEAD_BYTES];
	int head_length;
	/* payload bytes of the current server frame still to skip */
	long long skip;
	int opcode;
	struct session *next_free;
};

/* A masked close frame with status 1000, masking key 01 02 03 04: the Java client's. */
static const unsigned char CLOSE_FRAME[] = { 0x88, 0x82, 1, 2, 3, 4, 0x03 ^ 1, 0xE8 ^ 2 };

static const char STATUS_101[] = "HTTP/1.1 101";

static const char ACCEPT_FIELD[] = "sec-websocket-accept:";

static struct sockaddr_in server;
static char request[1024];
static int request_length;
static char expected_accept[29];
static int epoll_fd;

static int storming = 1;
static int measuring;
static long live;
/* sessions ended since the last batch of events, to be started again while storming */
static long to_start;
static long handshakes;
static long errors;
static char first_error[256];
static unsigned int latencies[LATENCY_BUCKETS];
static long latency_count;
static struct session *free_sessions;

static long long now_nanos(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void error(const char *format, ...)
{
	errors++;
	if (first_error[0] == 0) {
		va_list args;
		va_start(args, format);
		vsnprintf(first_error, sizeof(first_error), format, args);
		va_end(args);
	}
}

/* ---- SHA-1 (FIPS 180-4) and Base64, for Sec-WebSocket-Accept ------------------------ */

static uint32_t rotl(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1(const unsigned char *message, size_t length, unsigned char digest[20])
{
	uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
	size_t padded = ((length + 8) / 64 + 1) * 64;
	unsigned char *data = calloc(padded, 1);
	memcpy(data, message, length);
	data[length] = 0x80;
	uint64_t bits = (uint64_t) length * 8;
	for (int i = 0; i < 8; i++) {
		data[padded - 1 - i] = (unsigned char) (bits >> (8 * i));
	}
	for (size_t block = 0; block < padded; block += 64) {
		uint32_t w[80];
		for (int i = 0; i < 16; i++) {
			const unsigned char *p = data + block + 4 * i;
			w[i] = ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
		}
		for (int i = 16; i < 80; i++) {
			w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
		}
		uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
		for (int i = 0; i < 80; i++) {
			uint32_t f, k;
			if (i < 20) {
				f = (b & c) | (~b & d);
				k = 0x5A827999;
			}
			else if (i < 40) {
				f = b ^ c ^ d;
				k = 0x6ED9EBA1;
			}
			else if (i < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8F1BBCDC;
			}
			else {
				f = b ^ c ^ d;
				k = 0xCA62C1D6;
			}
			uint32_t t = rotl(a, 5) + f + e + k + w[i];
			e = d;
			d = c;
			c = rotl(b, 30);
			b = a;
			a = t;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	}
	free(data);
	for (int i = 0; i < 5; i++) {
		digest[4 * i] = (unsigned char) (h[i] >> 24);
		digest[4 * i + 1] = (unsigned char) (h[i] >> 16);
		digest[4 * i + 2] = (unsigned char) (h[i] >> 8);
		digest[4 * i + 3] = (unsigned char) h[i];
	}
}

static void base64(const unsigned char *in, int length, char *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	int o = 0;
	for (int i = 0; i < length; i += 3) {
		uint32_t v = (uint32_t) in[i] << 16;
		if (i + 1 < length) {
			v |= (uint32_t) in[i + 1] << 8;
		}
		if (i + 2 < length) {
			v |= in[i + 2];
		}
		out[o++] = alphabet[(v >> 18) & 63];
		out[o++] = alphabet[(v >> 12) & 63];
		out[o++] = (i + 1 < length) ? alphabet[(v >> 6) & 63] : '=';
		out[o++] = (i + 2 < length) ? alphabet[v & 63] : '=';
	}
	out[o] = 0;
}

/* ---- sessions ------------------------------------------------------------------------ */

static void start_session(void);

static void record_latency(long long nanos)
{
	long long micros = nanos / 1000;
	latencies[(micros < LATENCY_BUCKETS) ? micros : LATENCY_BUCKETS - 1]++;
	latency_count++;
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

/* Reset the connection; the loop starts the next session while storming. */
static void end_session(struct session *s)
{
	/* a reset leaves no TIME_WAIT behind, so runs never run out of ephemeral ports;
	   closing the descriptor also takes it out of the epoll set */
	struct linger linger = { 1, 0 };
	setsockopt(s->fd, SOL_SOCKET, SO_LINGER, &linger, sizeof(linger));
	close(s->fd);
	s->next_free = free_sessions;
	free_sessions = s;
	live--;
	to_start++;
}

static void fail(struct session *s, const char *reason)
{
	error("%s", reason);
	end_session(s);
}

static void start_session(void)
{
	struct session *s = free_sessions;
	if (s != NULL) {
		free_sessions = s->next_free;
	}
	else {
		s = malloc(sizeof(*s));
		if (s == NULL) {
			error("out of memory");
			to_start++;
			return;
		}
	}
	s->phase = HANDSHAKE;
	s->head_length = 0;
	s->skip = 0;
	s->opcode = -1;
	s->started_nanos = now_nanos();
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (s->fd < 0) {
		error("socket failed: %s", strerror(errno));
		s->next_free = free_sessions;
		free_sessions = s;
		to_start++;
		return;
	}
	live++;
	/* blocking: on loopback the kernel completes the TCP handshake within the call, so the
	   socket needs no O_NONBLOCK (every later call passes MSG_DONTWAIT instead) */
	if (connect(s->fd, (struct sockaddr *) &server, sizeof(server)) != 0) {
		char reason[128];
		snprintf(reason, sizeof(reason), "connect failed: %s", strerror(errno));
		fail(s, reason);
		return;
	}
	ssize_t written = send(s->fd, request, request_length, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (written != request_length) {
		fail(s, "the upgrade request did not fit the socket buffer");
		return;
	}
	struct epoll_event event = { .events = EPOLLIN, .data.ptr = s };
	if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, s->fd, &event) != 0) {
		fail(s, "epoll_ctl failed");
	}
}

static int starts_with_ignore_case(const unsigned char *bytes, int length, const char *lower_case_prefix)
{
	int n = (int) strlen(lower_case_prefix);
	if (length < n) {
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int c = bytes[i];
		if (c >= 'A' && c <= 'Z') {
			c += 'a' - 'A';
		}
		if (c != lower_case_prefix[i]) {
			return 0;
		}
	}
	return 1;
}

/* RFC 6455 §4.1, the client's checks 1 and 4: a 101 status and the expected accept value. */
static int verify_head(struct session *s, int length)
{
	const unsigned char *head = s->head;
	if (length < (int) strlen(STATUS_101) || memcmp(head, STATUS_101, strlen(STATUS_101)) != 0) {
		char line[160];
		int n = 0;
		while (n < length && n < (int) sizeof(line) - 1 && head[n] != '\r') {
			line[n] = (char) head[n];
			n++;
		}
		line[n] = 0;
		char reason[200];
		snprintf(reason, sizeof(reason), "handshake answered %s", line);
		fail(s, reason);
		return 0;
	}
	int accepted = 0;
	for (int i = 0; i + 1 < length; i++) {
		if (head[i] != '\r' || head[i + 1] != '\n') {
			continue;
		}
		int line = i + 2;
		if (starts_with_ignore_case(head + line, length - line, ACCEPT_FIELD)) {
			int value = line + (int) strlen(ACCEPT_FIELD);
			while (value < length && (head[value] == ' ' || head[value] == '\t')) {
				value++;
			}
			int end = value + (int) strlen(expected_accept);
			accepted = end + 1 < length && memcmp(head + value, expected_accept, strlen(expected_accept)) == 0
					&& head[end] == '\r';
			break;
		}
	}
	if (!accepted) {
		fail(s, "handshake response without the expected Sec-WebSocket-Accept");
		return 0;
	}
	return 1;
}

/*
 * Consume the server's frames after our close frame: skip any payload and end the
 * session at the close frame. Returns 0 once the session has ended.
 */
static int read_frames(struct session *s, const unsigned char *bytes, int from, int to)
{
	int i = from;
	while (i < to) {
		if (s->opcode >= 0) {
			long long n = to - i;
			if (n > s->skip) {
				n = s->skip;
			}
			s->skip -= n;
			i += (int) n;
			if (s->skip > 0) {
				return 1;
			}
			int opcode = s->opcode;
			s->opcode = -1;
			if (opcode == 0x8) {
				end_session(s);
				return 0;
			}
			continue;
		}
		s->head[s->head_length++] = bytes[i++];
		if (s->head_length < 2) {
			continue;
		}
		if (s->head[1] & 0x80) { /* 1000_0000 */
			/* RFC 6455 §5.1: a server MUST NOT mask its frames */
			fail(s, "received a masked frame");
			return 0;
		}
		int length = s->head[1] & 0x7F; /* 0111_1111 */
		int need = 2 + ((length == 126) ? 2 : (length == 127) ? 8 : 0);
		if (s->head_length < need) {
			continue;
		}
		long long payload = length;
		if (length >= 126) {
			payload = 0;
			for (int k = 2; k < need; k++) {
				payload = (payload << 8) | s->head[k];
			}
		}
		s->opcode = s->head[0] & 0x0F; /* 0000_1111 */
		s->skip = payload;
		s->head_length = 0;
		if (payload == 0) {
			/* handled at the top of the loop without consuming a byte */
			if (s->opcode == 0x8) {
				s->opcode = -1;
				end_session(s);
				return 0;
			}
			s->opcode = -1;
		}
	}
	return 1;
}

static void on_readable(struct session *s)
{
	unsigned char buffer[8192];
	ssize_t count = recv(s->fd, buffer, sizeof(buffer), MSG_DONTWAIT);
	if (count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
		if (s->phase == CLOSING) {
			/* the server closed after its close frame, or without one: as the Java client */
			end_session(s);
		}
		else {
			fail(s, (count == 0) ? "the server closed the connection" : "I/O error");
		}
		return;
	}
	if (count < 0) {
		return;
	}
	int from = 0;
	if (s->phase == HANDSHAKE) {
		int end = -1;
		for (int i = 0; i < count; i++) {
			if (s->head_length == MAX_RESPONSE_HEAD_BYTES) {
				fail(s, "handshake response head exceeds 4096 bytes");
				return;
			}
			s->head[s->head_length++] = buffer[i];
			int n = s->head_length;
			if (n >= 4 && s->head[n - 1] == '\n' && s->head[n - 2] == '\r' && s->head[n - 3] == '\n'
					&& s->head[n - 4] == '\r') {
				end = i + 1;
				break;
			}
		}
		if (end < 0) {
			return;
		}
		if (!verify_head(s, s->head_length)) {
			return;
		}
		if (measuring) {
			handshakes++;
			record_latency(now_nanos() - s->started_nanos);
		}
		s->phase = CLOSING;
		s->head_length = 0;
		if (send(s->fd, CLOSE_FRAME, sizeof(CLOSE_FRAME), MSG_DONTWAIT | MSG_NOSIGNAL) != sizeof(CLOSE_FRAME)) {
			/* the server is gone: nothing to close gracefully */
			end_session(s);
			return;
		}
		from = end;
	}
	read_frames(s, buffer, from, (int) count);
}

/* Run the sessions until the deadline passes, or until done() holds. */
static void pump(long long deadline, int (*done)(void))
{
	struct epoll_event events[MAX_EVENTS];
	while (!done()) {
		long long remaining = deadline - now_nanos();
		if (remaining <= 0) {
			return;
		}
		int wait = (int) (remaining / 1000000);
		wait = (wait < 1) ? 1 : (wait > MAX_WAIT_MILLIS) ? MAX_WAIT_MILLIS : wait;
		/* as many new sessions as ended, each started once per batch of events, so that
		   a server that refuses connections costs one attempt per session and wait */
		long starting = storming ? to_start : 0;
		to_start = 0;
		for (long k = 0; k < starting; k++) {
			start_session();
		}
		int ready = epoll_wait(epoll_fd, events, MAX_EVENTS, wait);
		for (int i = 0; i < ready; i++) {
			on_readable(events[i].data.ptr);
		}
	}
}

static long max_handshakes;

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
	return handshakes >= max_handshakes;
}

static int all_closed(void)
{
	return live == 0;
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
	memset(&server, 0, sizeof(server));
	server.sin_family = AF_INET;
	server.sin_port = htons((uint16_t) port);
	if (inet_pton(AF_INET, host, &server.sin_addr) != 1 || concurrency < 1 || port < 1) {
		fprintf(stderr, "storm: bad arguments\n");
		return 2;
	}
	request_length = snprintf(request, sizeof(request),
			"GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
			"Sec-WebSocket-Key: " WEBSOCKET_KEY "\r\nSec-WebSocket-Version: 13\r\n\r\n",
			path, host, port);
	if (request_length >= (int) sizeof(request)) {
		fprintf(stderr, "storm: path too long\n");
		return 2;
	}
	/* RFC 6455 §4.2.2: Base64 of the SHA-1 of the key followed by the GUID */
	const char *keyed = WEBSOCKET_KEY WEBSOCKET_GUID;
	unsigned char digest[20];
	sha1((const unsigned char *) keyed, strlen(keyed), digest);
	base64(digest, 20, expected_accept);
	signal(SIGALRM, watchdog);
	alarm((unsigned int) ((warmup_nanos + measure_nanos + CLOSE_TIMEOUT_NANOS) / 1000000000LL)
			+ WATCHDOG_GRACE_SECONDS);
	epoll_fd = epoll_create1(0);
	if (epoll_fd < 0) {
		perror("epoll_create1");
		return 1;
	}
	to_start = concurrency;
	pump(now_nanos() + warmup_nanos, never);
	handshakes = 0;
	latency_count = 0;
	memset(latencies, 0, sizeof(latencies));
	measuring = 1;
	printf("started\n");
	fflush(stdout);
	long long measure_start = now_nanos();
	pump(measure_start + measure_nanos, enough);
	long long measure_end = now_nanos();
	measuring = 0;
	storming = 0;
	printf("ended\n");
	fflush(stdout);
	long measured = handshakes;
	pump(measure_end + CLOSE_TIMEOUT_NANOS, all_closed);
	double seconds = (measure_end - measure_start) / 1e9;
	printf("result handshakes=%ld seconds=%.6f p50_us=%.1f p99_us=%.1f errors=%ld\n", measured, seconds,
			percentile_micros(50), percentile_micros(99), errors);
	if (first_error[0] != 0) {
		printf("first-error %s\n", first_error);
	}
	fflush(stdout);
	return 0;
}
