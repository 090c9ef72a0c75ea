/**
 * The frame codec (RFC 6455 §5.2-5.7): decoding client frames, encoding server frames,
 * masking.
 */
@NullMarked
package io.wsboot.engine.internal.frame;

import org.jspecify.annotations.NullMarked;
