package io.wsboot.engine.testclient;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP/1.1 response as received by {@link RawWsClient}: the status line
 * and the header fields in the order and spelling sent.
 *
 * @param statusLine the status line without its CRLF
 * @param status the status code
 * @param fields the header fields, names as sent
 * @param raw every byte of the head, through the empty line
 * @author wsboot
 */
public record HttpResponseHead(String statusLine, int status, List<Map.Entry<String, String>> fields, byte[] raw) {

	/**
	 * Return the first value of a header, matching the name case-insensitively.
	 * @param name the header name
	 * @return the value without surrounding whitespace, or {@code null} when absent
	 */
	public @Nullable String header(String name) {
		List<String> values = headerValues(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Return every value of a header, in the order received.
	 * @param name the header name, any case
	 * @return the values, empty when absent
	 */
	public List<String> headerValues(String name) {
		return this.fields.stream()
			.filter((field) -> field.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.toList();
	}

	/**
	 * Whether a header is present.
	 * @param name the header name, any case
	 * @return {@code true} when at least one field has this name
	 */
	public boolean hasHeader(String name) {
		return !headerValues(name).isEmpty();
	}

	/**
	 * Return the value of {@code Content-Length}.
	 * @return the length, 0 when absent
	 */
	public int contentLength() {
		String value = header("Content-Length");
		return (value != null) ? Integer.parseInt(value) : 0;
	}

	@Override
	public String toString() {
		return new String(this.raw, StandardCharsets.ISO_8859_1);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof HttpResponseHead head) && Arrays.equals(this.raw, head.raw);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.raw);
	}

}
