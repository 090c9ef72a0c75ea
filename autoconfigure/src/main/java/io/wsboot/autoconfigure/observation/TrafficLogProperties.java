package io.wsboot.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The traffic log: handshakes and frame summaries at DEBUG on the
 * {@value TrafficLog#LOGGER_NAME} logger, with secrets redacted.
 *
 * @author wsboot
 */
@ConfigurationProperties("wsboot.server.traffic-log")
public class TrafficLogProperties {

	/**
	 * Whether to log handshakes and frame summaries at DEBUG on the 'io.wsboot.traffic'
	 * logger.
	 */
	private boolean enabled;

	/**
	 * Path templates of the endpoints whose traffic is logged, as declared; empty for
	 * every endpoint.
	 */
	private List<String> endpoints = new ArrayList<>();

	/**
	 * How many of each frame's first payload bytes to log.
	 */
	private int payloadBytes = 32;

	/**
	 * Request headers whose values are logged as [redacted].
	 */
	private String[] secretHeaders = { "authorization", "proxy-authorization", "cookie", "x-api-key" };

	/**
	 * Query parameters whose values are logged as [redacted].
	 */
	private String[] secretQueryParameters = { "access_token", "id_token", "refresh_token", "token", "jwt", "api_key",
			"apikey", "key", "password", "secret", "signature", "sig", "code" };

	/**
	 * Prefixes of Sec-WebSocket-Protocol entries that carry a credential; the rest of
	 * such an entry is logged as [redacted].
	 */
	private String[] secretSubprotocolPrefixes = { "wsboot.bearer.", "base64url.bearer.authorization.k8s.io." };

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<String> endpoints) {
		this.endpoints = endpoints;
	}

	public int getPayloadBytes() {
		return this.payloadBytes;
	}

	public void setPayloadBytes(int payloadBytes) {
		if (payloadBytes < 0 || payloadBytes > 4096) {
			throw new IllegalArgumentException("payload-bytes must be between 0 and 4096 but was " + payloadBytes);
		}
		this.payloadBytes = payloadBytes;
	}

	public String[] getSecretHeaders() {
		return this.secretHeaders;
	}

	public void setSecretHeaders(String[] secretHeaders) {
		this.secretHeaders = secretHeaders;
	}

	public String[] getSecretQueryParameters() {
		return this.secretQueryParameters;
	}

	public void setSecretQueryParameters(String[] secretQueryParameters) {
		this.secretQueryParameters = secretQueryParameters;
	}

	public String[] getSecretSubprotocolPrefixes() {
		return this.secretSubprotocolPrefixes;
	}

	public void setSecretSubprotocolPrefixes(String[] secretSubprotocolPrefixes) {
		this.secretSubprotocolPrefixes = secretSubprotocolPrefixes;
	}

}
