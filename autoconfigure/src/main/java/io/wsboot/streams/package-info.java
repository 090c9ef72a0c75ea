/**
 * Streams: named, ordered sequences of publications with offsets, an epoch and a bounded
 * history, so that a session that reconnects resumes where it stopped, with no gap and no
 * duplicate.
 */
@NullMarked
package io.wsboot.streams;

import org.jspecify.annotations.NullMarked;
