package io.wsboot.engine.conformance;

/**
 * {@link ClosingConformanceTests} over {@code wss://}: the closing handshake, the close
 * timeout and server stop, with the raw client speaking TLS.
 *
 * @author wsboot
 */
class ClosingOverTlsConformanceTests extends ClosingConformanceTests {

	@Override
	boolean secure() {
		return true;
	}

}
