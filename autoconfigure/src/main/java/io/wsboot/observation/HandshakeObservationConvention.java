package io.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of opening handshakes. Declare a bean of this type to
 * replace {@link DefaultHandshakeObservationConvention}, as with Boot's HTTP
 * observations.
 *
 * @author wsboot
 */
public interface HandshakeObservationConvention extends ObservationConvention<HandshakeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof HandshakeObservationContext;
	}

}
