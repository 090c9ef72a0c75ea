package io.wsboot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations wsboot makes, their names and their keys: all of low cardinality (path
 * templates, never path values, session ids or user names).
 *
 * @author wsboot
 */
public enum WsObservationDocumentation implements ObservationDocumentation {

	/**
	 * An opening handshake, from its request head read to the 101 response queued or the
	 * rejection sent.
	 */
	HANDSHAKE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultHandshakeObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return HandshakeKeyNames.values();
		}

	},

	/**
	 * One message handled by a {@code @WsEndpoint} method, the parent of whatever the
	 * method does; its own parent is the session's handshake.
	 */
	MESSAGE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMessageObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return MessageKeyNames.values();
		}

	};

	/**
	 * The keys of a handshake observation.
	 */
	public enum HandshakeKeyNames implements KeyName {

		/** The path template of the endpoint, {@code none} when no endpoint matches. */
		ENDPOINT {
			@Override
			public String asString() {
				return "endpoint";
			}
		},

		/** {@code accepted} or {@code rejected}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The HTTP status answered: 101 or an error status. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/** Why it was rejected, one of a closed set; {@code none} when accepted. */
		REASON {
			@Override
			public String asString() {
				return "reason";
			}
		},

		/**
		 * The negotiated subprotocol, one the endpoint declares; {@code none} if none.
		 */
		SUBPROTOCOL {
			@Override
			public String asString() {
				return "subprotocol";
			}
		}

	}

	/**
	 * The keys of a message observation.
	 */
	public enum MessageKeyNames implements KeyName {

		/** The path template of the endpoint. */
		ENDPOINT {
			@Override
			public String asString() {
				return "endpoint";
			}
		},

		/** {@code text} or {@code binary}. */
		TYPE {
			@Override
			public String asString() {
				return "type";
			}
		},

		/** {@code success}, or {@code error} when the method threw. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The simple name of the exception thrown, {@code none} when none. */
		EXCEPTION {
			@Override
			public String asString() {
				return "exception";
			}
		}

	}

}
