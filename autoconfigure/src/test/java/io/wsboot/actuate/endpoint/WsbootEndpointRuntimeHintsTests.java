package io.wsboot.actuate.endpoint;

import io.wsboot.actuate.endpoint.WsbootEndpoint.BytesSavedDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.ClosingDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.EndpointDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.ServerDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.SessionDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.SessionsDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.TotalsDescriptor;
import io.wsboot.actuate.endpoint.WsbootEndpoint.WsbootDescriptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WsbootEndpointRuntimeHints}: Jackson can read every component of the
 * {@code /actuator/wsboot} descriptors in an AOT-processed application.
 */
class WsbootEndpointRuntimeHintsTests {

	@ParameterizedTest(name = "{0}.{1}()")
	@CsvSource(delimiter = '|', textBlock = """
			WsbootDescriptor     | sessions
			ServerDescriptor     | port
			EndpointDescriptor   | path
			TotalsDescriptor     | messagesIn
			BytesSavedDescriptor | compressionSavedBytes
			SessionsDescriptor   | items
			SessionDescriptor    | remoteAddress
			ClosingDescriptor    | code
			""")
	void descriptorComponentsCanBeRead(String descriptor, String accessor) {
		RuntimeHints hints = new RuntimeHints();
		new WsbootEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(descriptorType(descriptor), accessor))
			.accepts(hints);
	}

	private static Class<?> descriptorType(String name) {
		return switch (name) {
			case "WsbootDescriptor" -> WsbootDescriptor.class;
			case "ServerDescriptor" -> ServerDescriptor.class;
			case "EndpointDescriptor" -> EndpointDescriptor.class;
			case "TotalsDescriptor" -> TotalsDescriptor.class;
			case "BytesSavedDescriptor" -> BytesSavedDescriptor.class;
			case "SessionsDescriptor" -> SessionsDescriptor.class;
			case "SessionDescriptor" -> SessionDescriptor.class;
			case "ClosingDescriptor" -> ClosingDescriptor.class;
			default -> throw new IllegalArgumentException(name);
		};
	}

}
