package io.wsboot.streams;

import java.util.Map;

import io.wsboot.endpoint.annotation.OnClose;
import io.wsboot.endpoint.annotation.OnMessage;
import io.wsboot.endpoint.annotation.WsEndpoint;
import io.wsboot.endpoint.codec.JsonCodec;
import io.wsboot.endpoint.session.EndpointSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The built-in streams endpoint, on {@code wsboot.streams.endpoint-path}: clients
 * subscribe, resume, publish where a {@link StreamPublishPolicy} allows it, and
 * unsubscribe with JSON text frames:
 * <ul>
 * <li>{@code {"type":"subscribe","stream":"chat:lobby","since":{"epoch":"e1","offset":41}}}
 * ({@code since} optional), answered by {@code subscribed}, the missed publications when
 * recovered, then live ones;</li>
 * <li>{@code {"type":"publish","stream":"chat:lobby","data":...}};</li>
 * <li>{@code {"type":"unsubscribe","stream":"chat:lobby"}}.</li>
 * </ul>
 * A request that cannot be served is answered with
 * {@code {"type":"error","stream":..,"message":..}} and the session stays open.
 *
 * @author wsboot
 */
@WsEndpoint(path = "${wsboot.streams.endpoint-path}")
public class StreamsEndpoint {

	private static final Log logger = LogFactory.getLog(StreamsEndpoint.class);

	private final WsStreams streams;

	private final JsonCodec codec;

	private final StreamPublishPolicy publishPolicy;

	/**
	 * Create the endpoint.
	 * @param streams the streams
	 * @param codec reads the clients' requests and encodes published data
	 * @param publishPolicy decides whether a client may publish
	 */
	public StreamsEndpoint(WsStreams streams, JsonCodec codec, StreamPublishPolicy publishPolicy) {
		this.streams = streams;
		this.codec = codec;
		this.publishPolicy = publishPolicy;
	}

	/**
	 * Serve one request.
	 * @param session the client's session
	 * @param text the request
	 */
	@OnMessage
	public void onMessage(EndpointSession session, String text) {
		Map<?, ?> request;
		try {
			request = (this.codec.decode(text, Map.class) instanceof Map<?, ?> map) ? map : null;
		}
		catch (RuntimeException ex) {
			request = null;
		}
		if (request == null) {
			session.sendText(StreamFrames.error(null, "expected a JSON object"));
			return;
		}
		String stream = (request.get("stream") instanceof String name) ? name : null;
		Object type = request.get("type");
		if (stream == null || stream.isEmpty() || stream.length() > WsStreams.MAX_STREAM_NAME_LENGTH) {
			session.sendText(StreamFrames.error(null,
					"expected a 'stream' of 1 to " + WsStreams.MAX_STREAM_NAME_LENGTH + " characters"));
			return;
		}
		try {
			if ("subscribe".equals(type)) {
				this.streams.subscribe(session, stream, since(request.get("since")));
			}
			else if ("publish".equals(type)) {
				publish(session, stream, request);
			}
			else if ("unsubscribe".equals(type)) {
				this.streams.unsubscribe(session, stream);
			}
			else {
				session
					.sendText(StreamFrames.error(stream, "unknown type; expected subscribe, publish or unsubscribe"));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("wsboot streams could not serve a '" + type + "' request for '" + stream + "'", ex);
			session.sendText(StreamFrames.error(stream, "internal error"));
		}
	}

	/**
	 * End the session's subscriptions.
	 * @param session the client's session
	 */
	@OnClose
	public void onClose(EndpointSession session) {
		this.streams.unsubscribeAll(session);
	}

	private void publish(EndpointSession session, String stream, Map<?, ?> request) {
		if (!request.containsKey("data")) {
			session.sendText(StreamFrames.error(stream, "expected 'data'"));
			return;
		}
		if (!this.publishPolicy.mayPublish(stream, session)) {
			session.sendText(StreamFrames.error(stream, "publish denied"));
			return;
		}
		Object data = request.get("data");
		this.streams.publishJson(stream, (data != null) ? this.codec.encode(data) : "null");
	}

	private static @Nullable StreamPosition since(@Nullable Object value) {
		if (value instanceof Map<?, ?> since && since.get("epoch") instanceof String epoch
				&& since.get("offset") instanceof Number offset && offset.longValue() >= 0) {
			return new StreamPosition(epoch, offset.longValue());
		}
		return null;
	}

}
