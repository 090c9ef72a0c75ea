package io.wsboot.observation;

import io.micrometer.common.KeyValues;
import io.wsboot.observation.WsObservationDocumentation.MessageKeyNames;

/**
 * The default {@link MessageObservationConvention}: the observation
 * {@value #DEFAULT_NAME}, named {@code websocket message <path template>} in traces, with
 * the low-cardinality keys of {@link MessageKeyNames}.
 *
 * @author wsboot
 */
public class DefaultMessageObservationConvention implements MessageObservationConvention {

	/** The default name of the observation. */
	public static final String DEFAULT_NAME = "wsboot.message.handling";

	private final String name;

	/**
	 * Create a convention with the {@linkplain #DEFAULT_NAME default name}.
	 */
	public DefaultMessageObservationConvention() {
		this(DEFAULT_NAME);
	}

	/**
	 * Create a convention with another name.
	 * @param name the name of the observation
	 */
	public DefaultMessageObservationConvention(String name) {
		this.name = name;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public String getContextualName(MessageObservationContext context) {
		return "websocket message " + context.getSession().pathTemplate();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MessageObservationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(MessageKeyNames.ENDPOINT.withValue(context.getSession().pathTemplate()),
				MessageKeyNames.TYPE.withValue(context.getMessageType()),
				MessageKeyNames.OUTCOME.withValue((error != null) ? "error" : "success"),
				MessageKeyNames.EXCEPTION.withValue((error != null) ? exceptionName(error) : "none"));
	}

	private static String exceptionName(Throwable error) {
		String simpleName = error.getClass().getSimpleName();
		return simpleName.isEmpty() ? error.getClass().getName() : simpleName;
	}

}
