package io.wsboot.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

/**
 * TLS for {@code wss://} (RFC 6455 §4.1 step 5 on the client side, §10.6): the context is
 * asked for on every new connection, so a reloaded certificate applies to new connections
 * while existing ones keep theirs.
 *
 * @param context supplies the current SSL context
 * @param protocols the enabled protocols, such as {@code TLSv1.3}; empty for the JDK's
 * defaults
 * @param cipherSuites the enabled cipher suites; empty for the JDK's defaults
 * @author wsboot
 */
public record TlsConfig(Supplier<SSLContext> context, List<String> protocols, List<String> cipherSuites) {

	/**
	 * Create a configuration, copying the lists.
	 * @param context supplies the current SSL context
	 * @param protocols the enabled protocols
	 * @param cipherSuites the enabled cipher suites
	 */
	public TlsConfig {
		Objects.requireNonNull(context, "context");
		protocols = List.copyOf(protocols);
		cipherSuites = List.copyOf(cipherSuites);
	}

	/**
	 * Create a configuration with a fixed context and the JDK's protocols and ciphers.
	 * @param context the SSL context
	 * @return the configuration
	 */
	public static TlsConfig of(SSLContext context) {
		return new TlsConfig(() -> context, List.of(), List.of());
	}

}
