/*
 * The sessions of the storm client, all in one epoll set. Each session: a blocking connect
 * to the server (on loopback the kernel completes the TCP handshake inside the call), the
 * same upgrade request as the Java client (same fields, same order, same
 * Sec-WebSocket-Key), a check of the response head (status line starting "HTTP/1.1 101", a
 * Sec-WebSocket-Accept field, name in any case, carrying exactly the value RFC 6455 §4.2.2
 * derives from the key), then a masked close frame (status 1000, masking key 01 02 03 04),
 * a wait for the server's close frame, and a reset (SO_LINGER 0, so that no TIME_WAIT
 * sockets pile up). A handshake counts once its 101 is verified; latency runs from the
 * connect call to that moment.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "storm.h"

/* Longest response head accepted, as the Java client. */
#define MAX_RESPONSE_HEAD_BYTES 4096

/* Events taken per epoll_wait call. */
#define MAX_EVENTS 256

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
static char expected_accept[ACCEPT_VALUE_SIZE];
static int epoll_fd;

static long live;
/* sessions ended since the last batch of events, to be started again while storming */
static long to_start;
static struct session *free_sessions;

int sessions_init(const char *host, int port, const char *path)
{
	memset(&server, 0, sizeof(server));
	server.sin_family = AF_INET;
	server.sin_port = htons((uint16_t) port);
	if (inet_pton(AF_INET, host, &server.sin_addr) != 1) {
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
	accept_value(WEBSOCKET_KEY, expected_accept);
	epoll_fd = epoll_create1(0);
	if (epoll_fd < 0) {
		perror("epoll_create1");
		return 1;
	}
	return 0;
}

void sessions_add(long count)
{
	to_start += count;
}

long sessions_to_start(void)
{
	long count = to_start;
	to_start = 0;
	return count;
}

long sessions_live(void)
{
	return live;
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
	record_error("%s", reason);
	end_session(s);
}

void start_session(void)
{
	struct session *s = free_sessions;
	if (s != NULL) {
		free_sessions = s->next_free;
	}
	else {
		s = malloc(sizeof(*s));
		if (s == NULL) {
			record_error("out of memory");
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
		record_error("socket failed: %s", strerror(errno));
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
		record_handshake(s->started_nanos);
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

void sessions_poll(int wait_millis)
{
	struct epoll_event events[MAX_EVENTS];
	int ready = epoll_wait(epoll_fd, events, MAX_EVENTS, wait_millis);
	for (int i = 0; i < ready; i++) {
		on_readable(events[i].data.ptr);
	}
}
