package io.wsboot.actuate.endpoint;

import io.wsboot.actuate.endpoint.WsbootEndpoint.ClosingDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.WsbootDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Binding hints for the descriptors that {@code /actuator/wsboot} writes as JSON, so that
 * Jackson can read their components in an AOT-processed application. The nested
 * descriptors (server, endpoints, totals, bytes saved, sessions) follow from the two
 * roots.
 *
 * @author wsboot
 */
class WsbootEndpointRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), WsbootDescriptor.class,
				ClosingDescriptor.class);
	}

}
