/**
 * Maps request paths and path templates such as /chat/{room} to endpoints.
 */
@NullMarked
package io.wsboot.engine.internal.routing;

import org.jspecify.annotations.NullMarked;
