package io.wsboot.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which wsboot observations are made, when an {@code ObservationRegistry} is there.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot.observations")
public class WsObservationProperties {

	private final Handshakes handshakes = new Handshakes();

	private final Messages messages = new Messages();

	public Handshakes getHandshakes() {
		return this.handshakes;
	}

	public Messages getMessages() {
		return this.messages;
	}

	/**
	 * Observations of opening handshakes.
	 */
	public static class Handshakes {

		/**
		 * Whether to observe opening handshakes, with the trace context of the upgrade
		 * request.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Observations of handled messages.
	 */
	public static class Messages {

		/**
		 * Whether to observe each message handled by a @WsEndpoint method, the parent of
		 * what the method does.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
