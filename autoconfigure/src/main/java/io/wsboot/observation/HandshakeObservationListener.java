package io.wsboot.observation;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.wsboot.engine.Endpoint;
import io.wsboot.engine.HandshakeRequest;
import io.wsboot.engine.PathTemplate;
import io.wsboot.engine.WsHandshakeException;
import io.wsboot.engine.WsServerListener;
import io.wsboot.engine.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * Observes each opening handshake, from its request head read to its 101 response or its
 * rejection, through an {@link ObservationRegistry}; the trace context of the upgrade
 * request's headers is its parent. An accepted handshake's observation is kept in the
 * session's attributes under {@link #SESSION_ATTRIBUTE}, as the parent of the session's
 * {@linkplain MessageObservationInterceptor message observations}.
 *
 * <p>
 * The engine usually reads, checks and answers a request on one event-loop thread without
 * a break, so the observation started by {@link #handshakeStarted} waits for its end in a
 * slot of that thread. When the next request starts first (a handler deferred the open),
 * it waits in a map by request instead, of at most {@value #MAX_WAITING} entries.
 *
 * @author wsboot
 */
public class HandshakeObservationListener implements WsServerListener {

	/** The session attribute that holds an accepted handshake's observation. */
	public static final String SESSION_ATTRIBUTE = HandshakeObservationListener.class.getName() + ".observation";

	private static final DefaultHandshakeObservationConvention DEFAULT_CONVENTION = new DefaultHandshakeObservationConvention();

	/** The most handshakes whose end is awaited off their thread's slot. */
	static final int MAX_WAITING = 1024;

	private final ThreadLocal<@Nullable Started> started = new ThreadLocal<>();

	private final Map<HandshakeRequest, Observation> waiting = Collections.synchronizedMap(new IdentityHashMap<>());

	private final ObservationRegistry registry;

	private final @Nullable HandshakeObservationConvention convention;

	private final boolean keepForMessages;

	private volatile List<PathTemplate> pathTemplates = List.of();

	/**
	 * Create a listener.
	 * @param registry the registry
	 * @param convention the convention replacing the default, or {@code null}
	 * @param keepForMessages whether to keep an accepted handshake's observation in its
	 * session, as the parent of message observations
	 */
	public HandshakeObservationListener(ObservationRegistry registry,
			@Nullable HandshakeObservationConvention convention, boolean keepForMessages) {
		this.registry = registry;
		this.convention = convention;
		this.keepForMessages = keepForMessages;
	}

	/**
	 * Set the endpoints served, so that a handshake rejected after routing (by an upgrade
	 * check, the origin policy or a connection limit) is tagged with its endpoint's path
	 * template.
	 * @param endpoints the server's endpoints
	 */
	public void setEndpoints(Collection<Endpoint> endpoints) {
		this.pathTemplates = endpoints.stream()
			.map((endpoint) -> PathTemplate.parse(endpoint.pathTemplate()))
			.sorted(PathTemplate.SPECIFICITY)
			.toList();
	}

	@Override
	public void handshakeStarted(HandshakeRequest request) {
		Started unfinished = this.started.get();
		if (unfinished != null) {
			// that handshake's open was deferred, or the server failed during it
			wait(unfinished);
		}
		Observation observation = create(request).start();
		this.started.set(new Started(request, observation));
	}

	@Override
	public void handshakeRejected(@Nullable HandshakeRequest request, WsHandshakeException rejection) {
		Observation observation = (request != null) ? take(request) : null;
		if (observation == null) {
			// no head to read a trace context from, or no start seen: an instant
			// observation still counts the rejection
			if (request == null) {
				return;
			}
			observation = create(request).start();
		}
		HandshakeObservationContext context = (HandshakeObservationContext) observation.getContext();
		context.setPathTemplate(pathTemplate(request.path()));
		context.setRejection(rejection);
		if (rejection.httpStatus() >= 500) {
			observation.error(rejection);
		}
		observation.stop();
	}

	@Override
	public void sessionOpened(WsSession session) {
		HandshakeRequest request = session.handshakeRequest();
		Observation observation = take(request);
		if (observation == null) {
			observation = create(request).start();
		}
		HandshakeObservationContext context = (HandshakeObservationContext) observation.getContext();
		context.setPathTemplate(session.pathTemplate());
		context.setSession(session);
		observation.stop();
		if (this.keepForMessages && !observation.isNoop()) {
			session.attributes().put(SESSION_ATTRIBUTE, observation);
		}
	}

	private Observation create(HandshakeRequest request) {
		return WsObservationDocumentation.HANDSHAKE.observation(this.convention, DEFAULT_CONVENTION,
				() -> new HandshakeObservationContext(request), this.registry);
	}

	private void wait(Started unfinished) {
		synchronized (this.waiting) {
			if (this.waiting.size() >= MAX_WAITING) {
				// handshakes whose connection was lost before their end: let them go
				this.waiting.values().forEach(Observation::stop);
				this.waiting.clear();
			}
			this.waiting.put(unfinished.request(), unfinished.observation());
		}
	}

	private @Nullable Observation take(HandshakeRequest request) {
		Started started = this.started.get();
		if (started != null && started.request() == request) {
			this.started.remove();
			return started.observation();
		}
		return this.waiting.isEmpty() ? null : this.waiting.remove(request);
	}

	private @Nullable String pathTemplate(String path) {
		for (PathTemplate template : this.pathTemplates) {
			if (template.match(path) != null) {
				return template.template();
			}
		}
		return null;
	}

	/**
	 * A handshake whose end has not been seen yet.
	 */
	private record Started(HandshakeRequest request, Observation observation) {

	}

}
