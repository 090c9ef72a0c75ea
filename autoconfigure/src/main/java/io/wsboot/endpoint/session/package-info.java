/**
 * The session API of annotated endpoints, the registry of local sessions and groups, and
 * the broadcaster.
 */
@NullMarked
package io.wsboot.endpoint.session;

import org.jspecify.annotations.NullMarked;
