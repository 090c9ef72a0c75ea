package io.wsboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link WsSslBundleException}: the SSL bundle of {@code wss://} cannot be
 * loaded.
 *
 * @author wsboot
 */
class WsSslBundleFailureAnalyzer extends AbstractFailureAnalyzer<WsSslBundleException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsSslBundleException cause) {
		String bundle = cause.getBundle();
		String description = "The wsboot WebSocket server could not load the SSL bundle '" + bundle
				+ "' named by wsboot.server.ssl.bundle: " + cause.getReason() + ".";
		String action = "Define the bundle as spring.ssl.bundle.jks." + bundle + ".* or spring.ssl.bundle.pem." + bundle
				+ ".*, check that its key store or certificate and key files exist and that its passwords "
				+ "are right, or set wsboot.server.ssl.enabled=false to serve plain ws://.";
		return new FailureAnalysis(description, action, cause);
	}

}
