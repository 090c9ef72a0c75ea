package io.wsboot.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.wsboot.test.WsTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the streams endpoint for tests: sends the protocol's requests and reads its
 * frames as JSON. Public so that the cluster tests use it too.
 */
public final class StreamsTestClient implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WsTestClient client;

	private StreamsTestClient(WsTestClient client) {
		this.client = client;
	}

	/**
	 * Connect to a streams endpoint.
	 * @param port the server's port
	 * @param path the endpoint path
	 * @return the client
	 */
	public static StreamsTestClient connect(int port, String path) {
		return new StreamsTestClient(
				WsTestClient.builder().timeout(Duration.ofSeconds(20)).connect("ws://127.0.0.1:" + port + path));
	}

	/**
	 * Subscribe and return the answer.
	 * @param stream the stream
	 * @param since the position, or {@code null}
	 * @return the {@code subscribed} frame
	 */
	public JsonNode subscribe(String stream, StreamPosition since) {
		sendSubscribe(stream, since);
		JsonNode answer = next();
		assertThat(answer.get("type").asString()).as(answer.toString()).isEqualTo("subscribed");
		return answer;
	}

	/**
	 * Send a subscribe request without waiting for the answer.
	 * @param stream the stream
	 * @param since the position, or {@code null}
	 */
	public void sendSubscribe(String stream, StreamPosition since) {
		String request = "{\"type\":\"subscribe\",\"stream\":\"" + stream + "\""
				+ ((since != null)
						? ",\"since\":{\"epoch\":\"" + since.epoch() + "\",\"offset\":" + since.offset() + "}" : "")
				+ "}";
		this.client.sendText(request);
	}

	/**
	 * Send any request.
	 * @param text the request
	 */
	public void send(String text) {
		this.client.sendText(text);
	}

	/**
	 * Await the next frame.
	 * @return the frame as JSON
	 */
	public JsonNode next() {
		return json.readTree(this.client.awaitText());
	}

	/**
	 * Await publications.
	 * @param count how many
	 * @return the publications
	 */
	public List<JsonNode> publications(int count) {
		List<JsonNode> publications = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			JsonNode frame = next();
			assertThat(frame.get("type").asString()).as(frame.toString()).isEqualTo("publication");
			publications.add(frame);
		}
		return publications;
	}

	/**
	 * Assert that nothing arrives for a while.
	 * @param duration how long
	 */
	public void expectNothing(Duration duration) {
		this.client.expectNoMessage(duration);
	}

	/**
	 * Return the position of a frame.
	 * @param frame a subscribed or publication frame
	 * @return its position
	 */
	public static StreamPosition position(JsonNode frame) {
		return new StreamPosition(frame.get("epoch").asString(), frame.get("offset").asLong());
	}

	@Override
	public void close() {
		this.client.close();
	}

}
