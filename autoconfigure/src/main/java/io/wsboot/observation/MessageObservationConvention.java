package io.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The {@link ObservationConvention} of handled messages. Declare a bean of this type to
 * replace {@link DefaultMessageObservationConvention}, as with Boot's HTTP observations.
 *
 * @author wsboot
 */
public interface MessageObservationConvention extends ObservationConvention<MessageObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MessageObservationContext;
	}

}
