/**
 * The {@code @WsEndpoint} programming model: annotations, the registrar that turns beans
 * into engine endpoints, and the invoker.
 */
@NullMarked
package io.wsboot.endpoint.annotation;

import org.jspecify.annotations.NullMarked;
