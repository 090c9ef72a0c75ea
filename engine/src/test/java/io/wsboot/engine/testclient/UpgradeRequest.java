package io.wsboot.engine.testclient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the exact bytes of an HTTP upgrade request (RFC 6455 §4.1), valid by default and
 * easy to break one field at a time. Headers keep the order and spelling given.
 *
 * @author wsboot
 */
public final class UpgradeRequest {

	/** The {@code Sec-WebSocket-Key} of the RFC 6455 §1.3 example. */
	public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	/** The key of the seed vector used by the opening-handshake tests. */
	public static final String SEED_KEY = "x3JJHMbDL1EzLkh9GBhXDw==";

	/** The accept value the server must answer to {@link #SEED_KEY}. */
	public static final String SEED_ACCEPT = "HSmrc0sMlYUkAGmm5OPpG2HaGWk=";

	private String method = "GET";

	private String target;

	private String version = "HTTP/1.1";

	private final List<Map.Entry<String, String>> fields = new ArrayList<>();

	private UpgradeRequest(String target) {
		this.target = target;
	}

	/**
	 * Start a valid upgrade request for a target, with the seed key.
	 * @param target the request target, such as {@code /echo}
	 * @return the builder
	 */
	public static UpgradeRequest get(String target) {
		return new UpgradeRequest(target).header("Host", "127.0.0.1")
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", SEED_KEY)
			.header("Sec-WebSocket-Version", "13");
	}

	/**
	 * Set the method.
	 * @param method the method, such as {@code POST}
	 * @return this builder
	 */
	public UpgradeRequest method(String method) {
		this.method = method;
		return this;
	}

	/**
	 * Set the request target.
	 * @param target the target
	 * @return this builder
	 */
	public UpgradeRequest target(String target) {
		this.target = target;
		return this;
	}

	/**
	 * Set the HTTP version.
	 * @param version the version, such as {@code HTTP/1.0}
	 * @return this builder
	 */
	public UpgradeRequest version(String version) {
		this.version = version;
		return this;
	}

	/**
	 * Set a header: replace the value of the first field with this name (any case) and
	 * remove the others, or append the field when absent.
	 * @param name the header name as it will be sent
	 * @param value the value
	 * @return this builder
	 */
	public UpgradeRequest header(String name, String value) {
		for (int i = 0; i < this.fields.size(); i++) {
			if (this.fields.get(i).getKey().equalsIgnoreCase(name)) {
				this.fields.set(i, Map.entry(name, value));
				without(name, i + 1);
				return this;
			}
		}
		return addHeader(name, value);
	}

	/**
	 * Append a header field, even when one with the same name exists.
	 * @param name the name
	 * @param value the value
	 * @return this builder
	 */
	public UpgradeRequest addHeader(String name, String value) {
		this.fields.add(Map.entry(name, value));
		return this;
	}

	/**
	 * Remove every field with this name.
	 * @param name the name, any case
	 * @return this builder
	 */
	public UpgradeRequest without(String name) {
		return without(name, 0);
	}

	private UpgradeRequest without(String name, int from) {
		for (int i = this.fields.size() - 1; i >= from; i--) {
			if (this.fields.get(i).getKey().equalsIgnoreCase(name)) {
				this.fields.remove(i);
			}
		}
		return this;
	}

	/**
	 * Return the request head: request line, fields and the empty line, each ending in
	 * CRLF.
	 * @return the bytes, ISO-8859-1
	 */
	public byte[] toBytes() {
		return toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	@Override
	public String toString() {
		StringBuilder head = new StringBuilder(256);
		head.append(this.method).append(' ').append(this.target).append(' ').append(this.version).append("\r\n");
		for (Map.Entry<String, String> field : this.fields) {
			head.append(field.getKey()).append(": ").append(field.getValue()).append("\r\n");
		}
		return head.append("\r\n").toString();
	}

}
