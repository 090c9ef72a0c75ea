/*
 * The Sec-WebSocket-Accept value the storm client expects (RFC 6455 §4.2.2): SHA-1
 * (FIPS 180-4) and Base64, so that the client needs no library beyond libc.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "storm.h"

#define WEBSOCKET_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

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

void accept_value(const char *key, char out[ACCEPT_VALUE_SIZE])
{
	/* RFC 6455 §4.2.2: Base64 of the SHA-1 of the key followed by the GUID */
	size_t key_length = strlen(key);
	char keyed[key_length + sizeof(WEBSOCKET_GUID)];
	memcpy(keyed, key, key_length);
	memcpy(keyed + key_length, WEBSOCKET_GUID, sizeof(WEBSOCKET_GUID));
	unsigned char digest[20];
	sha1((const unsigned char *) keyed, strlen(keyed), digest);
	base64(digest, 20, out);
}
