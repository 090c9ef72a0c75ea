package io.wsboot.endpoint.annotation;

import java.util.List;
import java.util.Map;

import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.UpgradeCheck;
import io.wsboot.engine.WsHandshakeException;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;

/**
 * Converts every path variable, query parameter and header that the endpoint's methods
 * bind before the upgrade, so that a value of the wrong type is answered with 400 rather
 * than failing a handler later.
 *
 * @author wsboot
 */
final class HandshakeValueCheck implements UpgradeCheck {

	private final List<HandshakeValue> values;

	private final ConversionService conversionService;

	HandshakeValueCheck(List<HandshakeValue> values, ConversionService conversionService) {
		this.values = values;
		this.conversionService = conversionService;
	}

	@Override
	public void check(HandshakeRequest request, Map<String, String> pathVariables, Map<String, Object> attributes) {
		for (HandshakeValue value : this.values) {
			try {
				value.resolve(request, pathVariables, this.conversionService);
			}
			catch (ConversionException ex) {
				// the value itself is not echoed: a query parameter may carry a secret
				throw new WsHandshakeException(400, value.describe() + " is not a valid " + value.type());
			}
		}
	}

}
