package io.wsboot.observation;

import io.micrometer.common.KeyValues;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsSession;
import io.wsboot.observation.WsObservationDocumentation.HandshakeKeyNames;

/**
 * The default {@link HandshakeObservationConvention}: the observation
 * {@value #DEFAULT_NAME}, named {@code websocket handshake <path template>} in traces,
 * with the low-cardinality keys of {@link HandshakeKeyNames}.
 *
 * @author wsboot
 */
public class DefaultHandshakeObservationConvention implements HandshakeObservationConvention {

	/** The default name of the observation. */
	public static final String DEFAULT_NAME = "wsboot.handshake";

	private static final String NONE = "none";

	private final String name;

	/**
	 * Create a convention with the {@linkplain #DEFAULT_NAME default name}.
	 */
	public DefaultHandshakeObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention with another name.
	 * @param name the name of the observation
	 */
	public DefaultHandshakeObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(HandshakeObservationContext context) {
		String template = context.getPathTemplate();
		return "websocket handshake" + ((template != null) ? " " + template : "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(HandshakeObservationContext context) {
		WsHandshakeException rejection = context.getRejection();
		WsSession session = context.getSession();
		String template = context.getPathTemplate();
		String subprotocol = (session != null) ? session.subprotocol() : null;
		return KeyValues.of(HandshakeKeyNames.ENDPOINT.withValue((template != null) ? template : NONE),
				HandshakeKeyNames.OUTCOME.withValue((rejection != null) ? "rejected" : "accepted"),
				HandshakeKeyNames.STATUS
					.withValue((rejection != null) ? String.valueOf(rejection.httpStatus()) : "101"),
				HandshakeKeyNames.REASON.withValue((rejection != null) ? rejection.reason().tagValue() : NONE),
				HandshakeKeyNames.SUBPROTOCOL.withValue((subprotocol != null) ? subprotocol : NONE));
	}

}
