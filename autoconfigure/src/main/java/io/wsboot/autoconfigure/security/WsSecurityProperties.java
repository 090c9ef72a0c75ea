package io.wsboot.autoconfigure.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of Spring Security on the WebSocket port. The properties
 * validate themselves, so that a bad value fails start-up with the property named.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot.security")
public class WsSecurityProperties implements Validator {

	/**
	 * Whether upgrades are authenticated and authorized with Spring Security when it is
	 * on the classpath.
	 */
	private boolean enabled = true;

	/**
	 * Where a bearer token is read from.
	 */
	private final Bearer bearer = new Bearer();

	/**
	 * How long a session may stay open after its token expired before it is closed with
	 * 1008.
	 */
	private Duration expiryGracePeriod = Duration.ofSeconds(0);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Bearer getBearer() {
		return this.bearer;
	}

	public Duration getExpiryGracePeriod() {
		return this.expiryGracePeriod;
	}

	public void setExpiryGracePeriod(Duration expiryGracePeriod) {
		this.expiryGracePeriod = expiryGracePeriod;
	}

	@Override
	public boolean supports(Class<?> type) {
		return WsSecurityProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		WsSecurityProperties properties = (WsSecurityProperties) target;
		if (properties.getExpiryGracePeriod().isNegative()) {
			errors.rejectValue("expiryGracePeriod", "negative",
					"must not be negative but was " + properties.getExpiryGracePeriod());
		}
	}

	/**
	 * Where a bearer token is read from, in this order.
	 */
	public static class Bearer {

		/**
		 * Whether a token is read from the 'Authorization: Bearer' header.
		 */
		private boolean header = true;

		/**
		 * Whether a token is read from a 'wsboot.bearer.<token>' entry of the
		 * Sec-WebSocket-Protocol header, as browsers can send it.
		 */
		private boolean subprotocol = true;

		/**
		 * Whether a token is read from the 'access_token' query parameter; it may end up
		 * in proxy and browser logs.
		 */
		private boolean queryParameter;

		public boolean isHeader() {
			return this.header;
		}

		public void setHeader(boolean header) {
			this.header = header;
		}

		public boolean isSubprotocol() {
			return this.subprotocol;
		}

		public void setSubprotocol(boolean subprotocol) {
			this.subprotocol = subprotocol;
		}

		public boolean isQueryParameter() {
			return this.queryParameter;
		}

		public void setQueryParameter(boolean queryParameter) {
			this.queryParameter = queryParameter;
		}

	}

}
