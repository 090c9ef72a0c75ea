package io.wsboot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The SSL bundle named by {@code wsboot.server.ssl.bundle} cannot be loaded: there is no
 * such bundle, or its key store or certificate cannot be read.
 *
 * @author wsboot
 */
final class WsSslBundleException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String bundle;

	private final String reason;

	WsSslBundleException(String bundle, String reason, @Nullable Throwable cause) {
		super("wsboot.server.ssl.bundle=" + bundle + " cannot be loaded: " + reason, cause);
		this.bundle = bundle;
		this.reason = reason;
	}

	String getBundle() {
		return this.bundle;
	}

	String getReason() {
		return this.reason;
	}

}
