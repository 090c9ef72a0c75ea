package io.wsboot.engine.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}/{@code 127.0.0.1}, made at test time by
 * the JDK's own {@code keytool}, and the SSL contexts that serve and trust it.
 */
public final class SelfSignedCertificate {

	/** Password of the generated PKCS#12 key store. */
	public static final String PASSWORD = "changeit";

	private static final String ALIAS = "localhost";

	private static SelfSignedCertificate instance;

	private final Path keyStoreFile;

	private final KeyStore keyStore;

	private SelfSignedCertificate(Path keyStoreFile) throws IOException, GeneralSecurityException {
		this.keyStoreFile = keyStoreFile;
		this.keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStoreFile)) {
			this.keyStore.load(in, PASSWORD.toCharArray());
		}
	}

	/**
	 * Return the certificate, generating it on first use.
	 * @return the certificate
	 * @throws Exception when keytool fails
	 */
	public static synchronized SelfSignedCertificate get() throws Exception {
		if (instance == null) {
			instance = generate("localhost");
		}
		return instance;
	}

	/**
	 * Generate another certificate for the same names with a fresh key pair, as a renewed
	 * certificate would be.
	 * @param name the file name, without extension, under {@code target/test-tls}
	 * @return the certificate
	 * @throws Exception when keytool fails
	 */
	public static SelfSignedCertificate generate(String name) throws Exception {
		Path directory = Files.createDirectories(Path.of("target", "test-tls"));
		Path file = directory.resolve(name + ".p12");
		Files.deleteIfExists(file);
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg",
				"EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
				"-keypass", PASSWORD))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
		return new SelfSignedCertificate(file);
	}

	/**
	 * Return the certificate itself.
	 * @return the X.509 certificate
	 * @throws GeneralSecurityException when the key store cannot be read
	 */
	public X509Certificate certificate() throws GeneralSecurityException {
		return (X509Certificate) this.keyStore.getCertificate(ALIAS);
	}

	/**
	 * Return the generated key store file.
	 * @return the PKCS#12 file
	 */
	public Path keyStoreFile() {
		return this.keyStoreFile;
	}

	/**
	 * Return a server context that presents the certificate.
	 * @return the context
	 * @throws GeneralSecurityException when the key store cannot be used
	 */
	public SSLContext serverContext() throws GeneralSecurityException {
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(this.keyStore, PASSWORD.toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		return context;
	}

	/**
	 * Return a client context that trusts the certificate.
	 * @return the context
	 * @throws GeneralSecurityException when the key store cannot be used
	 */
	public SSLContext clientContext() throws GeneralSecurityException {
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(this.keyStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

}
