package io.wsboot.engine.internal.proxy;

/**
 * A connection did not start with a valid PROXY protocol header: the connection is closed
 * without an answer, as the protocol's receiver must.
 */
public class ProxyHeaderException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean missing;

	ProxyHeaderException(String message, boolean missing) {
		super(message, null, false, false);
		this.missing = missing;
	}

	/**
	 * Create the exception for a malformed header or one that is not to be honoured.
	 * @param message what was wrong, for the log
	 * @return the exception
	 */
	public static ProxyHeaderException invalid(String message) {
		return new ProxyHeaderException(message, false);
	}

	static ProxyHeaderException missing(String message) {
		return new ProxyHeaderException(message, true);
	}

	/**
	 * Whether the header was missing altogether, rather than malformed.
	 * @return {@code true} when the connection started with something else
	 */
	public boolean isMissing() {
		return this.missing;
	}

}
