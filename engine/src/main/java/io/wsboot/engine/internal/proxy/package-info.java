/**
 * The client's address behind a proxy: the PROXY protocol header read before the upgrade
 * request, the {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For} request headers,
 * and IP literals parsed without a name lookup. Socketless: bytes and headers in,
 * addresses out.
 */
@NullMarked
package io.wsboot.engine.internal.proxy;

import org.jspecify.annotations.NullMarked;
