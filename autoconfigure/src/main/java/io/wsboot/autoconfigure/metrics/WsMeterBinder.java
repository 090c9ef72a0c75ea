package io.wsboot.autoconfigure.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.wsboot.engine.CloseInitiator;
import io.wsboot.engine.CloseStatus;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.RejectionReason;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the wsboot server's traffic as Micrometer meters. The traffic meters are
 * function counters and gauges over a {@link TrafficRecorder}, read on each scrape; the
 * meters of events (closes by code, rejected handshakes, session durations) are updated
 * when the engine reports them, which makes this a {@link WsServerListener} too. Every
 * meter of a session is tagged with its endpoint's path template, never its concrete
 * path, plus the path variables allowed as tags.
 *
 * <p>
 * With the bare engine, register both the recorder and this binder as listeners of the
 * server, and bind this to a registry before the server starts.
 *
 * @author wsboot
 */
public class WsMeterBinder implements MeterBinder, WsServerListener {

	/** Application close codes (3000-4999) tagged individually; later ones are OTHER. */
	static final int MAX_APPLICATION_CLOSE_CODE_TAGS = 32;

	private static final Log logger = LogFactory.getLog(WsMeterBinder.class);

	private static final String ENDPOINT_TAG = "endpoint";

	private static final String DIRECTION_TAG = "direction";

	private static final String TYPE_TAG = "type";

	private final TrafficRecorder recorder;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final BoundedTagValues applicationCloseCodes = new BoundedTagValues(MAX_APPLICATION_CLOSE_CODE_TAGS);

	/**
	 * Create a binder.
	 * @param recorder the traffic to publish
	 */
	public WsMeterBinder(TrafficRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		// every reason at zero from the start, so that dashboards and alerts see 0
		// rather than no data before the first rejection
		for (RejectionReason reason : RejectionReason.values()) {
			rejected(registry, Integer.toString(reason.httpStatus()), reason);
		}
		this.recorder.onGroup((group) -> bindGroup(registry, group));
	}

	private void bindGroup(MeterRegistry registry, TrafficGroup group) {
		Tags tags = tags(group);
		Gauge.builder("wsboot.connections.active", group, TrafficGroup::activeSessions)
			.description("Open WebSocket sessions")
			.tags(tags)
			.strongReference(true)
			.register(registry);
		counter(registry, "wsboot.connections.opened", "WebSocket sessions opened", null, tags, group,
				TrafficMeasure.SESSIONS);
		counter(registry, "wsboot.messages", "Data messages", null, tags.and(DIRECTION_TAG, "in", TYPE_TAG, "text"),
				group, TrafficMeasure.TEXT_MESSAGES_IN);
		counter(registry, "wsboot.messages", "Data messages", null, tags.and(DIRECTION_TAG, "in", TYPE_TAG, "binary"),
				group, TrafficMeasure.BINARY_MESSAGES_IN);
		counter(registry, "wsboot.messages", "Data messages", null, tags.and(DIRECTION_TAG, "out", TYPE_TAG, "text"),
				group, TrafficMeasure.TEXT_MESSAGES_OUT);
		counter(registry, "wsboot.messages", "Data messages", null, tags.and(DIRECTION_TAG, "out", TYPE_TAG, "binary"),
				group, TrafficMeasure.BINARY_MESSAGES_OUT);
		directional(registry, "wsboot.traffic.wire", "Bytes of WebSocket frames: headers, masks and payloads", tags,
				group, TrafficMeasure.WIRE_BYTES_IN, TrafficMeasure.WIRE_BYTES_OUT);
		directional(registry, "wsboot.traffic.payload", "Payload bytes of data frames, as on the wire", tags, group,
				TrafficMeasure.PAYLOAD_BYTES_IN, TrafficMeasure.PAYLOAD_BYTES_OUT);
		directional(registry, "wsboot.traffic.message", "Bytes of data messages before compression", tags, group,
				TrafficMeasure.MESSAGE_BYTES_IN, TrafficMeasure.MESSAGE_BYTES_OUT);
		directional(registry, "wsboot.traffic.handshake", "Bytes of upgrade request heads (in) and 101 responses (out)",
				tags, group, TrafficMeasure.HANDSHAKE_BYTES_IN, TrafficMeasure.HANDSHAKE_BYTES_OUT);
		counter(registry, "wsboot.frames.control", "Ping, pong and close frames received and sent", null, tags, group,
				TrafficMeasure.CONTROL_FRAMES);
		counter(registry, "wsboot.traffic.control", "Wire bytes of ping, pong and close frames received and sent",
				BaseUnits.BYTES, tags, group, TrafficMeasure.CONTROL_WIRE_BYTES);
		counter(registry, "wsboot.messages.dropped", "Messages discarded by the slow-consumer policy", null, tags,
				group, TrafficMeasure.DROPPED_MESSAGES);
		counter(registry, "wsboot.traffic.http.equivalent",
				"Bytes that HTTP polling would have used for the same messages", BaseUnits.BYTES, tags, group,
				TrafficMeasure.HTTP_EQUIVALENT_BYTES);
		counter(registry, "wsboot.traffic.actual", "Bytes really used: handshakes and frames", BaseUnits.BYTES, tags,
				group, TrafficMeasure.ACTUAL_BYTES);
		Gauge.builder("wsboot.traffic.saved", group, (g) -> g.snapshot().savedBytes())
			.description(
					"Bytes saved compared with HTTP polling (traffic.http.equivalent - traffic.actual); negative when WebSocket "
							+ "cost more")
			.baseUnit(BaseUnits.BYTES)
			.tags(tags)
			.strongReference(true)
			.register(registry);
		Gauge.builder("wsboot.traffic.saved.ratio", group, (g) -> g.snapshot().savedRatio())
			.description("Share of the HTTP-polling bytes saved")
			.tags(tags)
			.strongReference(true)
			.register(registry);
		Gauge.builder("wsboot.traffic.compression.saved", group, (g) -> g.snapshot().compressionSavedBytes())
			.description("Bytes saved by compression: message bytes less payload bytes")
			.baseUnit(BaseUnits.BYTES)
			.tags(tags)
			.strongReference(true)
			.register(registry);
		Gauge.builder("wsboot.traffic.queued", group, TrafficGroup::queuedBytes)
			.description("Bytes queued for sending")
			.baseUnit(BaseUnits.BYTES)
			.tags(tags)
			.strongReference(true)
			.register(registry);
		sessionDuration(registry, tags);
	}

	private static void directional(MeterRegistry registry, String name, String description, Tags tags,
			TrafficGroup group, TrafficMeasure in, TrafficMeasure out) {
		counter(registry, name, description, BaseUnits.BYTES, tags.and(DIRECTION_TAG, "in"), group, in);
		counter(registry, name, description, BaseUnits.BYTES, tags.and(DIRECTION_TAG, "out"), group, out);
	}

	private static void counter(MeterRegistry registry, String name, String description, @Nullable String baseUnit,
			Tags tags, TrafficGroup group, TrafficMeasure measure) {
		FunctionCounter.builder(name, group, (g) -> g.sum(measure))
			.description(description)
			.baseUnit(baseUnit)
			.tags(tags)
			.register(registry);
	}

	private static Timer sessionDuration(MeterRegistry registry, Tags tags) {
		return Timer.builder("wsboot.session.duration")
			.description("Time from the opening handshake to the end of the connection")
			.tags(tags)
			.register(registry);
	}

	private static Tags tags(TrafficGroup group) {
		List<Tag> tags = new ArrayList<>();
		tags.add(Tag.of(ENDPOINT_TAG, group.endpoint()));
		for (Map.Entry<String, String> variable : group.variableTags().entrySet()) {
			tags.add(Tag.of(variable.getKey(), variable.getValue()));
		}
		return Tags.of(tags);
	}

	@Override
	public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
		int httpStatus = rejection.httpStatus();
		String status = (httpStatus >= 100 && httpStatus <= 599) ? Integer.toString(httpStatus)
				: BoundedTagValues.OTHER;
		for (MeterRegistry registry : this.registries) {
			rejected(registry, status, rejection.reason()).increment();
		}
	}

	private static Counter rejected(MeterRegistry registry, String status, RejectionReason reason) {
		return Counter.builder("wsboot.handshakes.rejected")
			.description("Upgrade requests answered with an error status, by status and reason")
			.tag("status", status)
			.tag("reason", reason.tagValue())
			.register(registry);
	}

	@Override
	public void sessionClosed(WsSession session, CloseStatus status, CloseInitiator initiator) {
		if (this.registries.isEmpty()) {
			return;
		}
		try {
			Tags tags = tags(this.recorder.groupOf(session));
			Tags closeTags = tags.and("code", codeTag(status.code()), "initiator",
					initiator.name().toLowerCase(Locale.ROOT));
			long openedAt = session.stats().openedAtMillis();
			Duration duration = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - openedAt));
			for (MeterRegistry registry : this.registries) {
				Counter.builder("wsboot.connections.closed")
					.description("WebSocket sessions closed, by close code and by who started the close")
					.tags(closeTags)
					.register(registry)
					.increment();
				sessionDuration(registry, tags).record(duration);
			}
		}
		catch (RuntimeException ex) {
			// the engine calls this on an event loop: never let it fail there
			logger.warn("Could not record the close of WebSocket session " + session.id(), ex);
		}
	}

	private String codeTag(int code) {
		if (code >= 1000 && code <= 2999) {
			// codes the protocol defines: the engine accepts only a handful of them
			return Integer.toString(code);
		}
		if (code >= 3000 && code <= 4999) {
			return this.applicationCloseCodes.tagValue(Integer.toString(code));
		}
		return BoundedTagValues.OTHER;
	}

}
