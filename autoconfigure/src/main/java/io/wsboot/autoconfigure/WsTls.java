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
import org.springframework.boot.ssl.NoSuchSslBundleException;
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
			throw new WsSslBundleException(name, "no SslBundles bean is available (spring.ssl.bundle.* needs "
					+ "Spring Boot's SslAutoConfiguration)", null);
		}
		SslBundle bundle;
		AtomicReference<SSLContext> context;
		try {
			bundle = sslBundles.getBundle(name);
			context = new AtomicReference<>(bundle.createSslContext());
		}
		catch (NoSuchSslBundleException ex) {
			List<String> names = sslBundles.getBundleNames();
			throw new WsSslBundleException(name,
					"there is no such bundle; "
							+ (names.isEmpty() ? "no SSL bundle is configured" : "the configured bundles are " + names),
					ex);
		}
		catch (RuntimeException ex) {
			throw new WsSslBundleException(name, reason(ex), ex);
		}
		// Boot's reload-on-update: new connections get the new certificate, open ones
		// keep theirs
		sslBundles.addBundleUpdateHandler(name, (updated) -> {
			context.set(updated.createSslContext());
			logger.info("SSL bundle '" + name + "' reloaded; new wsboot connections use its new certificate");
		});
		SslOptions options = bundle.getOptions();
		return new TlsConfig(context::get, list(options.getEnabledProtocols()), list(options.getCiphers()));
	}

	/**
	 * The messages of the failure and its causes, which name the missing file or the
	 * wrong password that Boot's message alone leaves out.
	 */
	private static String reason(Throwable failure) {
		StringBuilder reason = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && (reason.isEmpty() || reason.indexOf(message) < 0)) {
				reason.append(reason.isEmpty() ? "" : ": ").append(message);
			}
		}
		return reason.isEmpty() ? failure.getClass().getName() : reason.toString();
	}

	private static List<String> list(String @Nullable [] values) {
		return (values != null) ? Arrays.asList(values) : List.of();
	}

}
