package io.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.wsboot.endpoint.annotation.EndpointInvocation;
import io.wsboot.endpoint.annotation.EndpointInvocationInterceptor;
import io.wsboot.endpoint.session.EndpointSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Observes each message handled by a {@code @WsEndpoint} method, on the thread the
 * endpoint dispatches to, with the observation in scope while the method runs: what the
 * method does (a {@code RestClient} call, a query) becomes its child. The session's
 * handshake observation, kept by the {@link HandshakeObservationListener}, is its parent.
 * Other handler methods ({@code @OnOpen}, {@code @OnClose}...) are not observed.
 *
 * @author wsboot
 */
public class MessageObservationInterceptor implements EndpointInvocationInterceptor, Ordered {

	/** The order of this interceptor: outermost, before the security interceptor. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final DefaultMessageObservationConvention DEFAULT_CONVENTION = new DefaultMessageObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable MessageObservationConvention convention;

	/**
	 * Create an interceptor.
	 * @param registry the registry
	 * @param convention the convention replacing the default, or {@code null}
	 */
	public MessageObservationInterceptor(ObservationRegistry registry,
			@Nullable MessageObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public @Nullable Object intercept(EndpointInvocation invocation) throws Throwable {
		Object message = invocation.message();
		if (invocation.kind() != EndpointInvocation.Kind.MESSAGE || message == null) {
			return invocation.proceed();
		}
		EndpointSession session = invocation.session();
		Observation observation = WsObservationDocumentation.MESSAGE.observation(this.convention, DEFAULT_CONVENTION,
				() -> new MessageObservationContext(session, message), this.registry);
		if (observation.isNoop()) {
			return invocation.proceed();
		}
		if (session.attributes().get(HandshakeObservationListener.SESSION_ATTRIBUTE) instanceof Observation parent) {
			observation.parentObservation(parent);
		}
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
