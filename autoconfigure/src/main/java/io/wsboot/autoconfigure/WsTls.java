package io.wsboot.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;

import io.wsboot.engine.TlsConfig;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;

/**
 * Turns {@code wsboot.server.ssl.*} and a Spring Boot SSL bundle into the engine's
 * {@link TlsConfig}, following the bundle when it is reloaded.
 */
final class WsTls {

	private static final Log logger = LogFactory.getLog(WsTls.class);

	private WsTls() {
	}

	static @Nullable TlsConfig from(WsProperties.Server.Ssl ssl, ObjectProvider<SslBundles> sslBundlesProvider) {
		if (!ssl.isActive()) {
			return null;
		}
		String name = ssl.getBundle();
		SslBundles sslBundles = sslBundlesProvider.getIfAvailable();
		if (sslBundles == null) {
			throw new IllegalStateException("wsboot.server.ssl.bundle=" + name
					+ " needs Spring Boot's SSL bundles (spring.ssl.bundle.*), but no SslBundles bean is available");
		}
		SslBundle bundle = sslBundles.getBundle(name);
		AtomicReference<SSLContext> context = new AtomicReference<>(bundle.createSslContext());
		// Boot's reload-on-update: new connections get the new certificate, open ones
		// keep theirs
		sslBundles.addBundleUpdateHandler(name, (updated) -> {
			context.set(updated.createSslContext());
			logger.info("SSL bundle '" + name + "' reloaded; new wsboot connections use its new certificate");
		});
		SslOptions options = bundle.getOptions();
		return new TlsConfig(context::get, list(options.getEnabledProtocols()), list(options.getCiphers()));
	}

	private static List<String> list(String @Nullable [] values) {
		return (values != null) ? Arrays.asList(values) : List.of();
	}

}
